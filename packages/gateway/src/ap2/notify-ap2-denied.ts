import type { Logger } from "@sec0/core";

/** How long the webhook may take; it never delays or changes the call's answer. */
const WEBHOOK_TIMEOUT_MS = 2_000;

/**
 * Tells `security.ap2.policy_webhook_url` that a call's mandates failed, as 0.2.3 did: `POST`
 * `{event: "ap2.denied", tenant, server, tool, reasons, ts}`, fire and forget, bounded to 2 s. A
 * failure is logged (without the URL's query, which may hold a token), never thrown.
 */
export function notifyAp2Denied(
  url: string,
  call: { readonly tenant: string; readonly server: string; readonly tool: string },
  reasons: readonly string[],
  logger: Logger | undefined,
): void {
  const body = JSON.stringify({ event: "ap2.denied", ...call, reasons, ts: new Date().toISOString() });
  fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body,
    signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    redirect: "error",
  })
    .then((response) => response.body?.cancel())
    .catch((error: unknown) => {
      const where = URL.canParse(url) ? new URL(url).origin : "the webhook";
      logger?.warn({ err: (error as Error)?.name, where }, "sec0 gateway ap2.denied webhook failed");
    });
}
