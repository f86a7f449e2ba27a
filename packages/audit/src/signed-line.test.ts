import { canonicalize, type Signer } from "@sec0/core";
import { createSeededKeyPair } from "@sec0/testkit";
import { describe, expect, it } from "vitest";
import { hashLeaf } from "./merkle.js";
import { hashLine, signLine } from "./record.js";
import { signBody } from "./signed-line.js";

const keys = createSeededKeyPair("audit-signed-line");

/** The line format as first written: canonical JSON, `}` replaced by the `sig` member. */
function referenceLine(body: Record<string, unknown>, signer: Signer): string {
  const canonical = canonicalize(body);
  const signature = Buffer.from(signer.sign(Buffer.from(canonical, "utf8"))).toString("base64");
  const sig = `"sig":"ed25519:${signature}"}`;
  return canonical === "{}" ? `{${sig}` : `${canonical.slice(0, -1)},${sig}`;
}

describe("signBody", () => {
  it.each([
    ["an ASCII envelope", { tool: "read_file@1.0", seq: 1, policy: { decision: "allow" } }],
    ["multi-byte UTF-8", { note: "caf\u00e9 \u2713 \u{1F602}", "\u00e9": 1, quote: '"\\' }],
    ["an empty object", {}],
  ])("builds the same bytes as the reference recipe for %s", (_name, body) => {
    const line = signBody(body, keys.signer);
    const expected = referenceLine(body, keys.signer);
    expect(line.text).toBe(expected);
    expect(line.withNewline.toString("utf8")).toBe(`${expected}\n`);
    expect(line.chainHash()).toBe(hashLine(expected));
    expect(Buffer.from(line.leafHash()).toString("hex")).toBe(
      Buffer.from(hashLeaf(expected)).toString("hex"),
    );
    expect(signLine(body, keys.signer)).toBe(expected);
  });

  it("lays the line out at its real length for a signature that is not 64 bytes", () => {
    const odd: Signer = { keyId: "ed25519:odd", sign: () => new Uint8Array(10).fill(1) };
    const body = { a: "\u00e9" };
    expect(signBody(body, odd).text).toBe(referenceLine(body, odd));
    expect(signBody(body, odd).withNewline.toString("utf8")).toBe(`${referenceLine(body, odd)}\n`);
  });

  it("signs exactly the canonical JSON of the line without sig", () => {
    const seen: Uint8Array[] = [];
    const spy: Signer = {
      keyId: keys.keyId,
      sign: (data) => {
        seen.push(Uint8Array.from(data));
        return keys.signer.sign(data);
      },
    };
    const body = { b: 2, a: "x\u00e9" };
    signBody(body, spy);
    expect(Buffer.from(seen[0] as Uint8Array).toString("utf8")).toBe(canonicalize(body));
  });
});
