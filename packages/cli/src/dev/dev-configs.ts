import { createHash } from "node:crypto";

/** Configs are written as JSON (both services read YAML or JSON): no YAML writer needed. */
const stringify = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/** What the generated service configs need to know. */
export interface DevConfigInput {
  readonly tenant: string;
  readonly keysDir: string;
  readonly bridgePort: number;
  readonly controlPlaneUrl: string;
  readonly targets: Readonly<Record<string, string>>;
  readonly gatewayClientKey: string;
  readonly bridgeAuditDir: string;
  readonly redisUrl?: string | undefined;
  /** Approver ids of the local approvals page. */
  readonly approvers: readonly string[];
}

/** The env-variable names the generated configs read their secrets from. */
export const DEV_SECRET_ENV = {
  webhookSecret: "SEC0_DEV_WEBHOOK_SECRET",
  bridgeKey: "SEC0_DEV_BRIDGE_CONTROL_PLANE_KEY",
  approvalsToken: "SEC0_DEV_APPROVALS_TOKEN",
} as const;

/**
 * One gateway replica's `gateway.json`: enforce, one client key (its SHA-256 only), the stack's
 * audit key, its own port and audit directory.
 */
export function gatewayConfigJson(
  input: DevConfigInput,
  replica: { port: number; auditDir: string },
): string {
  return stringify({
    tenant: input.tenant,
    gateway: { name: "sec0-dev-gateway", version: "1.0.0" },
    server: { host: "127.0.0.1", port: replica.port, shutdown_timeout_ms: 5_000 },
    targets: input.targets,
    enforcement: { mode: "enforce" },
    audit: { dir: replica.auditDir, key_ref: `file://${input.keysDir}/ed25519.key`, durability: "batch" },
    quotas: { fail_mode: "closed", timeout_ms: 200 },
    api_keys: [
      {
        id: "sec0-dev",
        sha256: createHash("sha256").update(input.gatewayClientKey).digest("hex"),
        tenant: input.tenant,
      },
    ],
  });
}

/**
 * The approvals bridge's config: the control plane's webhook in, the local approvals page out, and
 * `extra` merged in (the real platforms: a `discord` or `telegram` section, the tenant's channels
 * or chats, approvers' platform ids; an approver named in both is merged by `id`).
 */
export function bridgeConfigJson(
  input: DevConfigInput,
  extra: Readonly<Record<string, unknown>> = {},
): string {
  return stringify(mergeBridgeConfig(bridgeConfigOf(input), extra));
}

function bridgeConfigOf(input: DevConfigInput): Record<string, unknown> {
  return {
    host: "127.0.0.1",
    port: input.bridgePort,
    control_plane: { url: input.controlPlaneUrl },
    webhook: { shared_secret_ref: `env://${DEV_SECRET_ENV.webhookSecret}` },
    ...(input.redisUrl === undefined ? {} : { redis_url: input.redisUrl }),
    local: { token_ref: `env://${DEV_SECRET_ENV.approvalsToken}` },
    tenants: { [input.tenant]: { control_plane_key_ref: `env://${DEV_SECRET_ENV.bridgeKey}` } },
    approvers: input.approvers.map((id) => ({ id, tenants: [input.tenant], local: true })),
    audit: { dir: input.bridgeAuditDir, key_ref: `file://${input.keysDir}/ed25519.key` },
  };
}

type Approver = { readonly id?: unknown } & Record<string, unknown>;

function mergeBridgeConfig(base: Record<string, unknown>, extra: Readonly<Record<string, unknown>>) {
  const { tenants, approvers, ...rest } = extra as { tenants?: unknown; approvers?: unknown };
  const merged: Record<string, unknown> = { ...base, ...rest };
  const baseTenants = base.tenants as Record<string, Record<string, unknown>>;
  merged.tenants = { ...baseTenants };
  for (const [tenant, routes] of Object.entries((tenants ?? {}) as Record<string, Record<string, unknown>>))
    (merged.tenants as Record<string, unknown>)[tenant] = { ...baseTenants[tenant], ...routes };
  const byId = new Map<unknown, Approver>();
  for (const approver of [...(base.approvers as Approver[]), ...((approvers ?? []) as Approver[])])
    byId.set(approver.id, { ...byId.get(approver.id), ...approver });
  merged.approvers = [...byId.values()];
  return merged;
}
