import { createPublicKey, generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { LocalDevSigner } from "./local-dev-signer.js";
import { parsePublicKey } from "./parse-public-key.js";

const signer = LocalDevSigner.fromSeed(new Uint8Array(32).fill(42));
const raw = signer.publicKey;

describe("parsePublicKey", () => {
  it("reads raw bytes, hex (either case), base64, base64 SPKI DER and PEM", () => {
    const spki = createPublicKey({
      key: Buffer.concat([Buffer.from("302a300506032b6570032100", "hex"), raw]),
      format: "der",
      type: "spki",
    });
    const pem = spki.export({ format: "pem", type: "spki" }).toString();
    const inputs = [
      raw,
      Buffer.from(raw).toString("hex"),
      Buffer.from(raw).toString("hex").toUpperCase(),
      Buffer.from(raw).toString("base64"),
      `  ${Buffer.from(raw).toString("base64")}\n`,
      spki.export({ format: "der", type: "spki" }).toString("base64"),
      pem,
    ];
    for (const input of inputs) expect(parsePublicKey(input)).toEqual(raw);
  });

  it("returns a copy of raw bytes", () => {
    const input = raw.slice();
    const parsed = parsePublicKey(input);
    input.fill(0);
    expect(parsed).toEqual(raw);
  });

  it("refuses wrong lengths, garbage, private keys and other key types with the accepted forms", () => {
    const rsa = generateKeyPairSync("rsa", { modulusLength: 1024 }).publicKey.export({
      format: "pem",
      type: "spki",
    });
    const ed = generateKeyPairSync("ed25519").privateKey.export({ format: "pem", type: "pkcs8" });
    const inputs = [
      new Uint8Array(31),
      "",
      "abc",
      Buffer.from(new Uint8Array(33)).toString("base64"),
      "zz".repeat(32),
      rsa.toString(),
      ed.toString(),
      "-----BEGIN PUBLIC KEY-----\nnot base64\n-----END PUBLIC KEY-----",
    ];
    for (const input of inputs) {
      let caught: unknown;
      try {
        parsePublicKey(input);
      } catch (error) {
        caught = error;
      }
      expect(caught).toMatchObject({ code: "SIGNER_PUBLIC_KEY_INVALID" });
      expect((caught as Error).message).toContain("PEM");
      expect((caught as Error).message).not.toContain("PRIVATE KEY-----");
    }
  });
});
