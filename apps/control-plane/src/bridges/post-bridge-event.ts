import { randomBytes } from "node:crypto";
import { createBridgeSignatureHeaders } from "@sec0/core/contracts";

/** What one POST to a bridge needs. */
export interface BridgePost {
  /** The bridge's full webhook URL, as registered. */
  readonly url: string;
  readonly secret: string;
  readonly bearerToken: string | null;
  /** The exact JSON text sent and signed. */
  readonly body: string;
  /** Signing time (milliseconds since the epoch). */
  readonly nowMs: number;
  readonly timeoutMs: number;
  readonly fetch: typeof fetch;
  /** Aborts the request early (the worker stopping). */
  readonly signal?: AbortSignal;
}

/** The outcome of one POST: 2xx is delivered; anything else carries a reason without secrets. */
export type BridgePostOutcome = { readonly ok: true } | { readonly ok: false; readonly error: string };

/**
 * POSTs one event to a bridge, signed with a fresh timestamp and random nonce
 * (`x-sec0-bridge-timestamp` / `-nonce` / `-signature`), with `Authorization: Bearer` when the
 * bridge has a token, and gives up after `timeoutMs`. Never throws. The error text names the
 * status or the network failure only: never a header, so never the secret or the token.
 */
export async function postBridgeEvent(post: BridgePost): Promise<BridgePostOutcome> {
  const headers: Record<string, string> = {
    "content-type": "application/json",
    ...createBridgeSignatureHeaders({
      secret: post.secret,
      body: post.body,
      timestampSeconds: Math.floor(post.nowMs / 1000),
      nonce: randomBytes(16).toString("hex"),
    }),
  };
  if (post.bearerToken !== null) headers.authorization = `Bearer ${post.bearerToken}`;
  const timeout = AbortSignal.timeout(post.timeoutMs);
  const signal = post.signal === undefined ? timeout : AbortSignal.any([timeout, post.signal]);
  try {
    const response = await post.fetch(post.url, {
      method: "POST",
      headers,
      body: post.body,
      signal,
      redirect: "manual",
    });
    await response.body?.cancel().catch(() => undefined);
    if (response.status >= 200 && response.status < 300) return { ok: true };
    return { ok: false, error: `HTTP ${response.status}` };
  } catch (error) {
    if (timeout.aborted) return { ok: false, error: `timed out after ${post.timeoutMs} ms` };
    return { ok: false, error: networkError(error) };
  }
}

function networkError(error: unknown): string {
  const failure = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  const cause = failure.cause?.code ?? failure.cause?.message;
  const text = `${failure.name ?? "Error"}: ${failure.message ?? "request failed"}${cause === undefined ? "" : ` (${cause})`}`;
  return text.slice(0, 500);
}
