import { canonicalBytes, canonicalize, type Verifier } from "@sec0/core";
import type { AuditHead } from "./audit-head.js";
import { type ChainState, hashLine } from "./record.js";

/**
 * The chain state right after `head`: its `seq` and the hash of its line as the appender wrote
 * it (the canonical JSON of the other fields with `"sig"` appended as the last member). The next
 * line of the log must carry exactly this `seq + 1` and `prev_hash`.
 */
export function chainAfterHead(head: AuditHead): ChainState {
  const { sig, ...body } = head;
  const canonical = canonicalize(body);
  const line = `${canonical.slice(0, -1)},"sig":${JSON.stringify(sig)}}`;
  return { seq: head.seq, prevHash: hashLine(line) };
}

/** True when `head` names the verifier's key and carries its valid signature. */
export function isHeadSignedBy(head: AuditHead, verifier: Verifier): boolean {
  const { sig, ...body } = head;
  const signature = Buffer.from(sig.slice("ed25519:".length), "base64");
  return head.key_id === verifier.keyId && verifier.verify(canonicalBytes(body), signature);
}
