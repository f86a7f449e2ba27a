import { canonicalize, type Signer, sha256Hex } from "@sec0/core";

/** `prev_hash` of the first line ever written to an audit directory: 64 zeros (no predecessor). */
export const GENESIS_PREV_HASH = "0".repeat(64);

/** `type` of a signed checkpoint record (an RFC 6962 tree head over the day file's earlier lines). */
export const CHECKPOINT_TYPE = "sec0.checkpoint";

/** `type` of the record written when a torn last line was cut off after a crash. */
export const REPAIR_TYPE = "sec0.repair";

/** Where a chain stands: the last `seq` written and the hash of the last line. */
export interface ChainState {
  readonly seq: number;
  readonly prevHash: string;
}

/** The chain state before the first line of an audit directory. */
export const GENESIS_CHAIN: ChainState = { seq: 0, prevHash: GENESIS_PREV_HASH };

/** SHA-256 hex of one line's UTF-8 bytes (without its newline): the next line's `prev_hash`. */
export function hashLine(line: string | Uint8Array): string {
  return sha256Hex(line);
}

/**
 * Signs `body` the 0.2.3 way (Ed25519 over its canonical JSON) and returns the line without its
 * newline: the canonical JSON with `"sig":"ed25519:<base64>"` appended as the last member, so
 * parsing it, removing `sig` and canonicalising gives back exactly the signed bytes.
 */
export function signLine(body: Readonly<Record<string, unknown>>, signer: Signer): string {
  const canonical = canonicalize(body);
  const signature = Buffer.from(signer.sign(Buffer.from(canonical, "utf8"))).toString("base64");
  const sig = `"sig":"ed25519:${signature}"}`;
  return canonical === "{}" ? `{${sig}` : `${canonical.slice(0, -1)},${sig}`;
}

/** Adds the chain fields to `fields`, signs, and returns the line with the chain state after it. */
export function chainLine(
  fields: Readonly<Record<string, unknown>>,
  signer: Signer,
  chain: ChainState,
): { line: string; chain: ChainState } {
  const seq = chain.seq + 1;
  // The chain fields win over any the caller sent; canonical JSON sorts keys, so order is free.
  const body: Record<string, unknown> = Object.assign({}, fields, {
    key_id: signer.keyId,
    seq,
    prev_hash: chain.prevHash,
  });
  const line = signLine(body, signer);
  return { line, chain: { seq, prevHash: hashLine(line) } };
}
