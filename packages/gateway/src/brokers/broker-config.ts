import type { Clock, Logger } from "@sec0/core";

/**
 * One `brokers.<server>` entry of the policy. The first seven fields are the schema's today; the
 * OAuth fields (`token_url`, `client_id`, `client_secret_ref`, `scope`) are proposed additions.
 */
export interface BrokerConfig {
  /** `static`: one secret (or a client-credentials token); `vendor_key_pool`: round-robin over
   * `key_refs`; `oidc_on_behalf`: RFC 8693 exchange of the caller's token. */
  readonly type: "static" | "vendor_key_pool" | "oidc_on_behalf";
  /** `env://NAME`, `env:NAME` or `file://path` (inside the safe secret directories). */
  readonly key_refs?: readonly string[];
  /** Header to set upstream; default `authorization`. */
  readonly header?: string;
  /** `bearer` (`Bearer <token>`, the default), `raw`, or `template`. */
  readonly format?: "bearer" | "raw" | "template";
  /** For `format: template`: the header value with a `{token}` placeholder. */
  readonly template?: string;
  /** Tool patterns (allowlist syntax) that get the credential; absent means every tool. */
  readonly tools?: readonly string[];
  /** Token-exchange / client-credentials `audience`. */
  readonly audience?: string;
  /** OAuth 2.0 token endpoint; https unless `allowInsecureHttp`. Proposed schema field. */
  readonly token_url?: string;
  /** OAuth client id. Proposed schema field. */
  readonly client_id?: string;
  /** Secret ref of the client secret; default `key_refs[0]`. Proposed schema field. */
  readonly client_secret_ref?: string;
  /** OAuth `scope`. Proposed schema field. */
  readonly scope?: string;
}

/** Options of `createBroker`. */
export interface BrokerOptions {
  /** Directory relative refs and safe directories are resolved against; default `process.cwd()`. */
  readonly cwd?: string;
  /** Environment for `env://` refs and `SEC0_BROKER_SECRET_DIRS`; default `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly clock?: Clock;
  /** Failures are logged here (server, tool, reason; never a secret). Default silent. */
  readonly logger?: Logger;
  /** Deadline of one token request, headers and body; default 5000. */
  readonly tokenTimeoutMs?: number;
  /** A token is refreshed this long before its `expires_in` runs out; default 30. */
  readonly refreshMarginSec?: number;
  /** Most exchanged tokens cached (one per caller token); default 1000. */
  readonly maxCachedTokens?: number;
  /** Allow http token endpoints. Tests against 127.0.0.1 only; never in production. */
  readonly allowInsecureHttp?: boolean;
}

/** Per-call input from the pipeline. */
export interface BrokerCallContext {
  /** The caller's bearer token, the subject token of an `oidc_on_behalf` exchange. */
  readonly subjectToken?: string;
}

/** Injects vendor credentials into upstream calls. */
export interface Broker {
  /**
   * Headers to add to the upstream call of `tool` on `server`; `{}` when no broker covers it.
   * Never return them to the caller, never log them.
   *
   * @throws {Sec0Error} `GATEWAY_BROKER_UNAVAILABLE`: answer 503 `BROKER_UNAVAILABLE`, do not call upstream.
   */
  headersFor(server: string, tool: string, context?: BrokerCallContext): Promise<Record<string, string>>;
  /** Drops cached tokens and closes connections to token endpoints. */
  close(): Promise<void>;
}
