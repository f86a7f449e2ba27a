import { readFileSync } from "node:fs";
import nacl from "tweetnacl";
import { describe, expect, it } from "vitest";
import { createEd25519Verifier } from "./ed25519-verifier.js";
import { LocalDevSigner } from "./local-dev-signer.js";
import { parsePublicKey } from "./parse-public-key.js";

// The shared corpora sit beside the repository: /work/main/packages/signer/src → /work/shared.
const corpora = new URL("../../../../shared/corpora/", import.meta.url);
const hex = (text: string) => new Uint8Array(Buffer.from(text, "hex"));

interface WycheproofFile {
  numberOfTests: number;
  testGroups: Array<{
    publicKey: { pk: string };
    publicKeyPem: string;
    tests: Array<{ tcId: number; comment: string; msg: string; sig: string; result: "valid" | "invalid" }>;
  }>;
}

describe("Wycheproof ed25519_test.json", () => {
  const file = JSON.parse(
    readFileSync(new URL("wycheproof/ed25519_test.json", corpora), "utf8"),
  ) as WycheproofFile;
  const cases = file.testGroups.flatMap((group) => group.tests.map((test) => ({ group, test })));

  it("holds every test the file announces", () => {
    expect(cases).toHaveLength(file.numberOfTests);
    expect(cases).toHaveLength(151);
  });

  it.each(cases.map(({ group, test }) => [test.tcId, test.result, group, test] as const))(
    "tcId %i is %s",
    (_id, result, group, test) => {
      const verifier = createEd25519Verifier(group.publicKey.pk);
      expect(verifier.verify(hex(test.msg), hex(test.sig))).toBe(result === "valid");
    },
  );

  it("reads each group's PEM key as the same raw key", () => {
    for (const group of file.testGroups) {
      expect(Buffer.from(parsePublicKey(group.publicKeyPem)).toString("hex")).toBe(group.publicKey.pk);
    }
  });
});

type Verdict = "accept" | "reject";

/**
 * Our verdict (node:crypto, OpenSSL 3) and tweetnacl 1.0.3's on each ed25519-speccheck vector.
 * The package README's "Verification edge cases" table states the same; both are asserted.
 */
const SPECCHECK_VERDICTS: ReadonlyArray<{ ours: Verdict; tweetnacl: Verdict }> = [
  { ours: "accept", tweetnacl: "accept" }, // 0  S = 0, small-order A and R
  { ours: "accept", tweetnacl: "accept" }, // 1  small-order A, mixed-order R
  { ours: "accept", tweetnacl: "accept" }, // 2  mixed-order A, small-order R
  { ours: "accept", tweetnacl: "accept" }, // 3  mixed A and R, passes cofactored and cofactorless
  { ours: "reject", tweetnacl: "reject" }, // 4  mixed A and R, passes cofactored only
  { ours: "reject", tweetnacl: "reject" }, // 5  cofactored only, pre-reduced 8h fails
  { ours: "reject", tweetnacl: "accept" }, // 6  S > L (malleable)
  { ours: "reject", tweetnacl: "accept" }, // 7  S >> L (high bits set)
  { ours: "reject", tweetnacl: "reject" }, // 8  non-canonical R, reduced for hashing
  { ours: "reject", tweetnacl: "reject" }, // 9  non-canonical R, not reduced for hashing
  { ours: "reject", tweetnacl: "reject" }, // 10 non-canonical A, reduced for hashing
  { ours: "accept", tweetnacl: "accept" }, // 11 non-canonical A, not reduced for hashing
];

describe("ed25519-speccheck cases.json", () => {
  const cases = JSON.parse(readFileSync(new URL("ed25519-speccheck/cases.json", corpora), "utf8")) as Array<{
    message: string;
    pub_key: string;
    signature: string;
  }>;
  const verdict = (ok: boolean): Verdict => (ok ? "accept" : "reject");

  it("has the 12 documented vectors", () => {
    expect(cases).toHaveLength(SPECCHECK_VERDICTS.length);
  });

  it("gives exactly the verdicts the table records, for us and for tweetnacl", () => {
    const observed = cases.map((c) => {
      const message = hex(c.message);
      const signature = hex(c.signature);
      const publicKey = hex(c.pub_key);
      return {
        ours: verdict(createEd25519Verifier(publicKey).verify(message, signature)),
        tweetnacl: verdict(nacl.sign.detached.verify(message, signature, publicKey)),
      };
    });
    expect(observed).toEqual(SPECCHECK_VERDICTS);
  });

  it("matches the README table row for row", () => {
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    const section = readme.split("### Verification edge cases")[1]?.split("\n#")[0] ?? "";
    const rows = section
      .split("\n")
      .filter((line) => line.startsWith("|"))
      .map((line) =>
        line
          .split("|")
          .slice(1, -1)
          .map((cell) => cell.trim()),
      )
      .filter((cells) => /^\d+$/.test(cells[0] ?? ""))
      .map((cells) => ({ index: Number(cells[0]), ours: cells[2], tweetnacl: cells[3] }));
    expect(rows.map((row) => row.index)).toEqual(SPECCHECK_VERDICTS.map((_, index) => index));
    expect(rows.map(({ ours, tweetnacl }) => ({ ours, tweetnacl }))).toEqual(SPECCHECK_VERDICTS);
  });
});

describe("createEd25519Verifier", () => {
  const signer = LocalDevSigner.fromSeed(new Uint8Array(32).fill(1));
  const data = new TextEncoder().encode("payload");

  it("accepts the key as bytes, hex or base64 and has the signer's key id", () => {
    const b64 = Buffer.from(signer.publicKey).toString("base64");
    const hexKey = Buffer.from(signer.publicKey).toString("hex");
    for (const key of [signer.publicKey, b64, hexKey]) {
      const verifier = createEd25519Verifier(key);
      expect(verifier.keyId).toBe(signer.keyId);
      expect(verifier.verify(data, signer.sign(data))).toBe(true);
    }
  });

  it("rejects a tampered message, a tampered signature and wrong-length signatures without throwing", () => {
    const verifier = createEd25519Verifier(signer.publicKey);
    const signature = signer.sign(data);
    expect(verifier.verify(new TextEncoder().encode("payloaD"), signature)).toBe(false);
    const flipped = signature.slice();
    flipped[10] = (flipped[10] ?? 0) ^ 1;
    expect(verifier.verify(data, flipped)).toBe(false);
    expect(verifier.verify(data, signature.subarray(0, 63))).toBe(false);
    expect(verifier.verify(data, new Uint8Array([...signature, 0]))).toBe(false);
    expect(verifier.verify(data, new Uint8Array(0))).toBe(false);
  });

  it("hands out a copy of the public key", () => {
    const verifier = createEd25519Verifier(signer.publicKey);
    verifier.publicKey.fill(0);
    expect(verifier.publicKey).toEqual(signer.publicKey);
  });
});
