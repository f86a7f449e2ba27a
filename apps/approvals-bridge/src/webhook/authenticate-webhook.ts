import { verifyBridgeSignature } from "@sec0/core/contracts";
import { secretEquals } from "../secrets/secret-equals.js";
import type { ClaimOnce } from "../state/bridge-state.js";

/** What a webhook request must prove; at least one of the two is configured. */
export interface WebhookSecrets {
  readonly bearerToken?: string;
  readonly sharedSecret?: string;
  readonly maxSkewSeconds: number;
}

/** Why a webhook request was refused (the answer is 401 in every case; the reason is logged). */
export type WebhookRefusal =
  | "bearer_missing"
  | "bearer_mismatch"
  | "malformed"
  | "signature_mismatch"
  | "timestamp_out_of_window"
  | "nonce_replayed";

/**
 * Checks a `POST /webhooks/escalations` request: the Bearer token (constant time, `secretEquals`) when one is
 * configured, the HMAC `v1=` signature over `<ts>.<nonce>.<raw body>` (constant time) and its
 * ±`maxSkewSeconds` window when a shared secret is, and that the nonce was never seen (claimed for
 * twice the window, so a replay inside it is refused on every replica).
 */
export async function authenticateWebhook(
  secrets: WebhookSecrets,
  request: {
    readonly headers: Readonly<Record<string, string | string[] | undefined>>;
    readonly rawBody: Buffer;
  },
  nowMs: number,
  claim: ClaimOnce,
): Promise<WebhookRefusal | undefined> {
  const header = (name: string) => {
    const value = request.headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  if (secrets.bearerToken !== undefined) {
    const given = /^Bearer (.+)$/i.exec(header("authorization") ?? "")?.[1];
    if (given === undefined) return "bearer_missing";
    if (!secretEquals(given, secrets.bearerToken)) return "bearer_mismatch";
  }
  if (secrets.sharedSecret !== undefined) {
    const nonce = header("x-sec0-bridge-nonce");
    const verdict = verifyBridgeSignature({
      secret: secrets.sharedSecret,
      timestamp: header("x-sec0-bridge-timestamp"),
      nonce,
      signature: header("x-sec0-bridge-signature"),
      body: request.rawBody,
      nowMs,
      toleranceSeconds: secrets.maxSkewSeconds,
    });
    if (!verdict.ok) return verdict.reason;
    if (!(await claim(`nonce:${nonce}`, secrets.maxSkewSeconds * 2000))) return "nonce_replayed";
  }
  return undefined;
}
