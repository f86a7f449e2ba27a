import { createHash, createPrivateKey, createPublicKey, type KeyObject, sign, verify } from "node:crypto";
import type { Signer, Verifier } from "@sec0/core";

/** An Ed25519 key pair derived from a text seed, with Signer and Verifier views. */
export interface SeededKeyPair {
  readonly seed: Uint8Array;
  readonly publicKey: Uint8Array;
  readonly keyId: string;
  readonly privateKey: KeyObject;
  readonly signer: Signer;
  readonly verifier: Verifier;
}

const PKCS8_ED25519_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");

/** Derives the same key pair for the same `label` every time (seed = sha256(label)). */
export function createSeededKeyPair(label = "sec0-test"): SeededKeyPair {
  const seed = createHash("sha256").update(label).digest();
  const privateKey = createPrivateKey({
    key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]),
    format: "der",
    type: "pkcs8",
  });
  const publicKeyObject = createPublicKey(privateKey);
  const publicKey = new Uint8Array(publicKeyObject.export({ format: "der", type: "spki" }).subarray(12));
  const keyId = `ed25519:${createHash("sha256").update(publicKey).digest("hex")}`;
  return {
    seed: new Uint8Array(seed),
    publicKey,
    keyId,
    privateKey,
    signer: { keyId, publicKey, sign: (data) => new Uint8Array(sign(null, data, privateKey)) },
    verifier: { keyId, verify: (data, signature) => verify(null, data, publicKeyObject, signature) },
  };
}
