import type { Signer } from "@sec0/core";
import { sha256Hex } from "./sha256.js";
import { type SignedLine, signBody } from "./signed-line.js";
import { type UnsignedLine, unsignedBody } from "./unsigned-line.js";

/** `prev_hash` of the first line ever written to an audit directory: 64 zeros (no predecessor). */
export const GENESIS_PREV_HASH = "0".repeat(64);

/** `type` of a signed checkpoint record (an RFC 6962 tree head over the day file's earlier lines). */
export const CHECKPOINT_TYPE = "sec0.checkpoint";

/** `type` of the record written when a torn last line was cut off after a crash. */
export const REPAIR_TYPE = "sec0.repair";

/**
 * `reason` of the signed repair record written when a reopened day file ends in unsigned lines
 * that no signed checkpoint covers (a crash in `signing: "checkpoint"` mode): it names them
 * (`unattested_from_seq`, `unattested_lines`) instead of vouching for them.
 */
export const UNATTESTED_REASON = "unattested_tail";

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
  return signBody(withoutSig(body), signer).text;
}

/** Adds the chain fields to `fields`, signs, and returns the line with the chain state after it. */
export function chainLine(
  fields: Readonly<Record<string, unknown>>,
  signer: Signer,
  chain: ChainState,
): { line: string; chain: ChainState } {
  const { sig: _sig, ...body } = fields;
  const sealed = sealRecord(body, signer, chain);
  return { line: sealed.line.text, chain: sealed.chain };
}

/**
 * {@link chainLine} for a body the caller owns and that holds no `sig`: the chain fields are
 * written into `body` (they win over any the caller sent; canonical JSON sorts keys, so order is
 * free), and the line comes back as bytes with its hashes, ready to write.
 */
export function sealRecord(
  body: Record<string, unknown>,
  signer: Signer,
  chain: ChainState,
): { line: SignedLine; chain: ChainState } {
  const seq = stampChain(body, signer.keyId, chain);
  const line = signBody(body, signer);
  return { line, chain: { seq, prevHash: line.chainHash() } };
}

/**
 * {@link sealRecord} without a signature (`signing: "checkpoint"`): the chain fields are written
 * into `body` and the line is its canonical JSON, covered by the next signed checkpoint.
 */
export function sealUnsigned(
  body: Record<string, unknown>,
  keyId: string,
  chain: ChainState,
): { line: UnsignedLine; chain: ChainState } {
  const seq = stampChain(body, keyId, chain);
  const line = unsignedBody(body);
  return { line, chain: { seq, prevHash: line.chainHash() } };
}

// Writes the chain fields of the line after `chain` into `body` (they win over any the caller
// sent); returns its `seq`.
function stampChain(body: Record<string, unknown>, keyId: string, chain: ChainState): number {
  const seq = chain.seq + 1;
  body.key_id = keyId;
  body.seq = seq;
  body.prev_hash = chain.prevHash;
  return seq;
}

function withoutSig(body: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> {
  if (body.sig === undefined) return body;
  const { sig: _sig, ...rest } = body;
  return rest;
}
