import type { DevLogSink, DevService } from "./dev-service.js";

/** Ports of the three services; `"auto"` picks free ones. */
export interface DevPorts {
  readonly controlPlane?: number;
  readonly gateway?: number;
  readonly approvalsBridge?: number;
}

/** How to start the dev stack. */
export interface DevStackOptions {
  /** The workspace: data, keys, configs, audit logs (relative to `cwd`). Default `.sec0/dev`. */
  readonly dir?: string;
  readonly cwd?: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Default `dev`. */
  readonly tenant?: string;
  /** Default 8787, 8088, 8790; `"auto"` for free ports (tests, demos). */
  readonly ports?: DevPorts | "auto";
  /** Redis for the gateway's quotas and idempotency and the bridge's state; default in memory. */
  readonly redisUrl?: string | undefined;
  /** PostgreSQL for the control plane; default PGlite in `<dir>/control-plane`. */
  readonly databaseUrl?: string | undefined;
  /** The gateway's upstream MCP servers, by name. Default: a built-in `echo` server. */
  readonly targets?: Readonly<Record<string, string>>;
  /** Who may press on the local approvals page. Default: the OS user's name. */
  readonly approvers?: readonly string[];
  /** Remove the workspace first (only one sec0 dev made). */
  readonly reset?: boolean;
  /** Each line the services print. Default: dropped. */
  readonly log?: DevLogSink;
  /** The services' log level. Default `info`. */
  readonly logLevel?: string;
  /** Entry points to run instead of the located apps (e.g. production bundles' `dist/main.js`). */
  readonly apps?: {
    readonly controlPlane?: string;
    readonly gateway?: string;
    readonly approvalsBridge?: string;
  };
  /**
   * Merged into the generated approvals-bridge config: a `discord` or `telegram` section (secrets
   * as `env://` refs), the tenant's `discord_channels` / `telegram_chats`, approvers' platform ids.
   * Default: the local approvals page only.
   */
  readonly bridgeConfig?: Readonly<Record<string, unknown>>;
  /** Gateway processes on the same Redis (needs `redisUrl`). Default 1. */
  readonly gatewayReplicas?: number;
}

/** A running dev stack. */
export interface DevStack {
  readonly tenant: string;
  readonly dir: string;
  readonly urls: {
    readonly controlPlane: string;
    /** The control plane's console (sign in with an API key, e.g. the admin key). */
    readonly console: string;
    /** The first gateway. */
    readonly gateway: string;
    /** Every gateway replica. */
    readonly gateways: readonly string[];
    readonly approvalsBridge: string;
    /** The approvals page, with its token (open it in a browser). */
    readonly approvalsPage: string;
  };
  readonly keys: {
    /** The tenant's admin key on the control plane. */
    readonly admin: string;
    /** For agents and tool servers: `policy:read`, `escalation:create`, `audit:ingest`. */
    readonly agent: string;
    /** What callers present to the gateway (`x-api-key`). */
    readonly gatewayClient: string;
  };
  readonly approvalsToken: string;
  readonly approvers: readonly string[];
  /** The Ed25519 key every service of the stack signs its audit records with. */
  readonly auditKeyPath: string;
  readonly auditDirs: {
    /** The first gateway's. */
    readonly gateway: string;
    readonly gateways: readonly string[];
    readonly approvalsBridge: string;
  };
  /** The running processes, by name (`control-plane`, `gateway` or `gateway-<n>`, `approvals-bridge`). */
  readonly services: readonly DevService[];
  /** The gateway's upstreams (`echo` is the built-in stand-in). */
  readonly targets: Readonly<Record<string, string>>;
  readonly storage: { readonly database: "pglite" | "postgres"; readonly state: "memory" | "redis" };
  /** Resolves when a service ends without `stop()` being called. */
  readonly exited: Promise<{ readonly service: string; readonly code: number | string }>;
  /** Stops the bridge, the gateway, then the control plane; each drains its requests first. */
  stop(): Promise<void>;
}
