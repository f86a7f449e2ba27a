/** Upstream credentials injected on the call to a target (vendor token brokering). */
export interface CredentialBroker {
  /** Headers to add upstream; rejects with `GATEWAY_BROKER_UNAVAILABLE` when the credential cannot be had. */
  headersFor(server: string, tool: string, subjectToken?: string): Promise<Record<string, string>>;
  close(): void | Promise<void>;
}

/** The AP2 mandate check of one call. */
export interface MandateCheck {
  /** Whether the call is covered: the tool is in `ap2.tools.allow` (every tool when it is unset). */
  covers(toolRef: string): boolean;
  verify(
    headers: Readonly<Record<string, string | string[] | undefined>>,
    args: Readonly<Record<string, unknown>>,
    idempotencyKey: string | undefined,
    call: { readonly tenant: string; readonly server: string; readonly tool: string },
  ): Promise<
    | { readonly ok: true; readonly downstreamHeaders: Record<string, string> }
    | { readonly ok: false; readonly reasons: readonly string[] }
  >;
}
