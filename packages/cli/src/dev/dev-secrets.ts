import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { Sec0Error } from "@sec0/core";

/**
 * What the dev stack keeps between runs in `<dir>/dev-secrets.json` (mode 0600): the control
 * plane's keys it made, and the shared secrets of the services it wires together. Never logged.
 */
export interface DevSecrets {
  /** The tenant's first admin key (what `sec0-control-plane init` printed). */
  adminKey?: string;
  /** Control-plane key of the gateway (`escalation:create`). */
  gatewayKey?: string;
  /** Control-plane key of the approvals bridge (`escalation:vote_for`). */
  bridgeKey?: string;
  /** Control-plane key for agents and tool servers (`policy:read`, `escalation:create`, `audit:ingest`). */
  agentKey?: string;
  /** HMAC secret of the control plane → bridge webhook. */
  webhookSecret: string;
  /** Token of the local approvals page. */
  approvalsToken: string;
  /** The key callers present to the gateway (`x-api-key`). */
  gatewayClientKey: string;
}

const FILE = "dev-secrets.json";

/** Reads `<dir>/dev-secrets.json`, or makes fresh shared secrets when there is none. */
export function loadDevSecrets(dir: string): DevSecrets {
  const path = join(dir, FILE);
  if (!existsSync(path)) {
    return {
      webhookSecret: randomBytes(32).toString("base64url"),
      approvalsToken: randomBytes(24).toString("base64url"),
      gatewayClientKey: `sk-dev-${randomBytes(24).toString("base64url")}`,
    };
  }
  try {
    const parsed = JSON.parse(readFileSync(path, "utf8")) as DevSecrets;
    if (typeof parsed.webhookSecret !== "string" || typeof parsed.approvalsToken !== "string")
      throw new Error("missing fields");
    return parsed;
  } catch (error) {
    throw new Sec0Error(
      "CLI_DEV_STATE_INVALID",
      `${path} is not what sec0 dev wrote (${(error as Error).message}); remove it or run sec0 dev --reset.`,
    );
  }
}

/** Writes the secrets atomically (temp file + rename), readable by the owner only. */
export function saveDevSecrets(dir: string, secrets: DevSecrets): void {
  const path = join(dir, FILE);
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  chmodSync(temp, 0o600);
  renameSync(temp, path);
}
