import type { GatewayLimits } from "@sec0/gateway";
import type { ParsedPolicy } from "@sec0/policy";

/** Log levels of the service (pino's). */
export type LogLevel = "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";

/**
 * The service config as `loadConfig` resolves it: file and environment merged and validated,
 * defaults applied, relative paths made absolute against the config file's directory, and the
 * policy file parsed.
 */
export interface GatewayAppConfig {
  /** The config file as the user named it (for messages) and its directory (base of relative paths). */
  readonly source: { readonly shown: string; readonly dir: string };
  readonly tenant: string;
  readonly gateway: { readonly name: string; readonly version: string };
  readonly server: { readonly host: string; readonly port: number; readonly shutdownTimeoutMs: number };
  readonly logLevel: LogLevel;
  readonly targets: Readonly<Record<string, string>>;
  readonly policy: ParsedPolicy | undefined;
  readonly enforcement: {
    readonly mode: "observe" | "enforce";
    readonly deny_on?: readonly string[];
    readonly escalate_on?: readonly string[];
  };
  /** `dir` absolute; `keyRef` as written (a `file://` path resolves against `source.dir`). */
  readonly audit: {
    readonly dir: string;
    readonly keyRef: string;
    readonly durability?: "none" | "batch" | "sync";
    /** `per_record` (default) or `checkpoint`: see @sec0/audit's "Signing modes". */
    readonly signing?: "per_record" | "checkpoint";
  };
  readonly quotas: { readonly failMode?: "closed" | "open" | "local"; readonly timeoutMs?: number };
  /** `url` only from `REDIS_URL` (it may hold a password, so it never sits in the file). */
  readonly redis: { readonly url: string | undefined; readonly prefix: string };
  readonly limits: GatewayLimits;
  readonly apiKeys: ReadonlyArray<{ id: string; sha256: string; tenant: string; roles?: string[] }>;
}

/** Defaults of what the file may leave out. */
export const CONFIG_DEFAULTS = Object.freeze({
  configPath: "gateway.yaml",
  /** Loopback outside a container; the Dockerfile sets `HOST=0.0.0.0`. */
  host: "127.0.0.1",
  port: 8088,
  shutdownTimeoutMs: 10_000,
  logLevel: "info" as LogLevel,
  redisPrefix: "sec0:gateway:",
});
