import { existsSync, readdirSync, rmSync } from "node:fs";
import { userInfo } from "node:os";
import { Sec0Error } from "@sec0/core";
import type { DevStackOptions } from "./dev-stack-types.js";
import { freePort } from "./free-port.js";

/** The file that marks a folder as a `sec0 dev` workspace. */
export const WORKSPACE_MARKER = "dev-secrets.json";

/** What `sec0 dev` writes in its workspace. */
const OWN_ENTRIES = /^(dev-secrets\.json(\.\d+\.tmp)?|keys|control-plane|gateway(-\d+)?|approvals-bridge)$/;

const DEFAULT_PORTS = { controlPlane: 8787, gateway: 8088, approvalsBridge: 8790 } as const;

/** The ports of one stack, with one per gateway replica. */
export interface DevStackPorts {
  readonly controlPlane: number;
  readonly gateways: readonly number[];
  readonly approvalsBridge: number;
}

/** Picks the ports: free ones for `"auto"`, else the defaults (replicas count up from the gateway's). */
export async function choosePorts(ports: DevStackOptions["ports"], replicas: number): Promise<DevStackPorts> {
  if (ports === "auto") {
    const gateways: number[] = [];
    for (let i = 0; i < replicas; i += 1) gateways.push(await freePort());
    return { controlPlane: await freePort(), gateways, approvalsBridge: await freePort() };
  }
  const chosen = { ...DEFAULT_PORTS, ...ports };
  return {
    controlPlane: chosen.controlPlane,
    gateways: Array.from({ length: replicas }, (_, i) => chosen.gateway + i),
    approvalsBridge: chosen.approvalsBridge,
  };
}

/**
 * The environment the services inherit: this process's, without any sec0 setting, database or
 * Redis URL of its own (the stack sets what each service needs; a stray `SEC0_GATEWAY_TENANT`
 * in the shell must not reconfigure it).
 */
export function inheritedEnv(
  env: Readonly<Record<string, string | undefined>>,
): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(env)) {
    if (name.startsWith("SEC0_") || name === "DATABASE_URL" || name === "REDIS_URL" || name === "LOG_LEVEL")
      continue;
    out[name] = value;
  }
  return out;
}

/** Removes the workspace, refusing a non-empty folder `sec0 dev` did not make. */
export function resetWorkspace(dir: string): void {
  if (!existsSync(dir)) return;
  const foreign = readdirSync(dir).filter((entry) => !OWN_ENTRIES.test(entry));
  if (foreign.length > 0)
    throw new Sec0Error(
      "CLI_DEV_STATE_INVALID",
      `--reset refuses to remove ${dir}: sec0 dev did not write ${foreign.slice(0, 3).join(", ")}.`,
    );
  rmSync(dir, { recursive: true, force: true });
}

/** The default approver of the local page: the OS user's name, as an approver id. */
export function defaultApprover(): string {
  try {
    const name = userInfo().username.replace(/[^A-Za-z0-9._-]/g, "");
    return name === "" ? "you" : name;
  } catch {
    return "you";
  }
}

/** Checks the replica count: 1–8, and Redis for more than one. */
export function checkReplicas(replicas: number, redisUrl: string | undefined): void {
  if (!Number.isInteger(replicas) || replicas < 1 || replicas > 8)
    throw new Sec0Error(
      "CLI_DEV_OPTION_INVALID",
      `gatewayReplicas must be a whole number from 1 to 8, got ${replicas}.`,
    );
  if (replicas > 1 && redisUrl === undefined)
    throw new Sec0Error(
      "CLI_DEV_OPTION_INVALID",
      "Several gateway replicas need Redis (redisUrl): apart, each would keep its own quotas and idempotency records.",
    );
}
