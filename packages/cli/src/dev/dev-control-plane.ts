import { Sec0Error } from "@sec0/core";
import type { DevSecrets } from "./dev-secrets.js";

/** Scopes of the keys the dev stack makes, by what holds them. */
export const DEV_KEY_SCOPES = {
  gatewayKey: ["escalation:create"],
  bridgeKey: ["escalation:vote_for"],
  agentKey: ["policy:read", "escalation:create", "audit:ingest"],
} as const;

/** A small client of the control plane's admin routes, with the admin key. */
export function devAdminClient(baseUrl: string, adminKey: string) {
  const call = async (
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; json: unknown }> => {
    const reply = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${adminKey}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await reply.text();
    let json: unknown;
    try {
      json = text === "" ? undefined : JSON.parse(text);
    } catch {
      json = text;
    }
    return { status: reply.status, json };
  };
  return {
    /** True when the key is still valid (any scope). */
    async keyWorks(): Promise<boolean> {
      return (await call("GET", "/api/tenants/me")).status === 200;
    },
    async createKey(
      label: string,
      scopes: readonly string[],
      extra: Record<string, string> = {},
    ): Promise<string> {
      const reply = await call("POST", "/api/keys", { label, scopes, ...extra });
      const key = (reply.json as { key?: unknown } | undefined)?.key;
      if (reply.status !== 201 || typeof key !== "string")
        throw failed(`POST /api/keys answered ${reply.status}`);
      return key;
    },
    async registerBridge(name: string, url: string, secret: string): Promise<void> {
      const reply = await call("PUT", `/api/bridges/${encodeURIComponent(name)}`, { url, secret });
      if (reply.status >= 300) throw failed(`PUT /api/bridges/${name} answered ${reply.status}`);
    },
  };
}

/**
 * Makes the keys the stack's services use, unless `secrets` holds them already and they still
 * work (a key revoked by hand is made again). Mutates `secrets`.
 */
export async function ensureDevKeys(
  client: ReturnType<typeof devAdminClient>,
  secrets: DevSecrets,
  baseUrl: string,
): Promise<void> {
  for (const [field, scopes] of Object.entries(DEV_KEY_SCOPES) as [
    keyof typeof DEV_KEY_SCOPES,
    readonly string[],
  ][]) {
    const existing = secrets[field];
    if (existing !== undefined && (await devAdminClient(baseUrl, existing).keyWorks())) continue;
    const extra: Record<string, string> =
      field === "agentKey" ? { env: "dev", clientName: "sec0-dev", clientVersion: "1.0.0" } : {};
    secrets[field] = await client.createKey(`sec0 dev ${field.replace(/Key$/, "")}`, scopes, extra);
  }
}

/** The admin key in `sec0-control-plane init`'s output. */
export function parseInitOutput(stdout: string): string {
  const key = /^admin key[^:]*: (\S+)$/m.exec(stdout)?.[1];
  if (key === undefined) throw failed("sec0-control-plane init printed no admin key");
  return key;
}

function failed(message: string): Sec0Error {
  return new Sec0Error("CLI_DEV_SETUP_FAILED", `sec0 dev could not set up the control plane: ${message}.`);
}
