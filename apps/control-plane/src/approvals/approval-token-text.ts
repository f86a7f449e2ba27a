import { createHash } from "node:crypto";
import type { Signer } from "@sec0/core";

/** Prefix of every approval token's text. */
export const APPROVAL_TOKEN_PREFIX = "apt_";

/** How long an approval token stays good after the approval (15 minutes). */
export const APPROVAL_TOKEN_TTL_MS = 15 * 60 * 1000;

/**
 * The text of approval token `tokenId`: `apt_` + base64url of the control plane's signature over
 * `sec0.approval-token.v1`, the tenant, the escalation and the token id. Ed25519 signatures are
 * deterministic, so the text can be derived again when the requester reads the escalation later
 * while only its SHA-256 is stored; nobody without the signing key can produce it.
 */
export function approvalTokenText(
  signer: Signer,
  tenantId: string,
  escalationId: string,
  tokenId: string,
): string {
  const data = new TextEncoder().encode(`sec0.approval-token.v1\n${tenantId}\n${escalationId}\n${tokenId}`);
  return `${APPROVAL_TOKEN_PREFIX}${Buffer.from(signer.sign(data)).toString("base64url")}`;
}

/** Lower-case hex SHA-256 of a token's text: what `approval_tokens.token_sha256` holds. */
export function approvalTokenSha256(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}
