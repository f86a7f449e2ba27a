import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { Sec0Error } from "@sec0/core";
import { generateKeyFile } from "@sec0/signer";
import { bridgeConfigJson, DEV_SECRET_ENV, type DevConfigInput, gatewayConfigJson } from "./dev-configs.js";
import { devAdminClient, ensureDevKeys, parseInitOutput } from "./dev-control-plane.js";
import { type DevSecrets, loadDevSecrets, saveDevSecrets } from "./dev-secrets.js";
import { type DevLogSink, type DevService, runDevCommand, startDevService } from "./dev-service.js";
import type { DevStack, DevStackOptions } from "./dev-stack-types.js";
import {
  checkReplicas,
  choosePorts,
  type DevStackPorts,
  defaultApprover,
  inheritedEnv,
  resetWorkspace,
  WORKSPACE_MARKER,
} from "./dev-workspace.js";
import { type EchoTarget, startEchoTarget } from "./echo-target.js";
import { locateApp } from "./locate-app.js";

export type { DevPorts, DevStack, DevStackOptions } from "./dev-stack-types.js";

/** Everything the start-up steps share. */
interface Plan {
  readonly dir: string;
  readonly tenant: string;
  readonly keysDir: string;
  readonly ports: DevStackPorts;
  readonly baseEnv: Record<string, string | undefined>;
  readonly mains: {
    readonly controlPlane: string;
    readonly gateway: string;
    readonly approvalsBridge: string;
  };
  readonly log: DevLogSink;
  readonly logLevel: string;
  readonly options: DevStackOptions;
  readonly secrets: DevSecrets;
}

const url = (port: number) => `http://127.0.0.1:${port}`;

/**
 * Starts the control plane, the gateway (one or more replicas) and the approvals bridge as child
 * processes wired to one another: keys made on the control plane and kept in the workspace, the
 * bridge registered for escalation events, every audit log signed with one key. Resolves once all
 * answer `/healthz`; a service that fails to start stops the others and rejects.
 *
 * @throws {Sec0Error} `CLI_DEV_APP_NOT_FOUND`, `CLI_DEV_SERVICE_FAILED`, `CLI_DEV_SETUP_FAILED`,
 *   `CLI_DEV_STATE_INVALID`, `CLI_DEV_OPTION_INVALID`.
 */
export async function startDevStack(options: DevStackOptions = {}): Promise<DevStack> {
  const plan = await planStack(options);
  const services: DevService[] = [];
  let echo: EchoTarget | undefined;
  let stopping = false;
  const stop = async () => {
    stopping = true;
    for (const service of [...services].reverse()) await service.stop();
    await echo?.close();
  };
  let targets = options.targets ?? {};
  try {
    await initControlPlane(plan);
    services.push(await startControlPlane(plan));
    if (Object.keys(targets).length === 0) {
      echo = await startEchoTarget();
      targets = { echo: echo.url };
    }
    const config = configInputOf(plan, targets);
    for (const [index, port] of plan.ports.gateways.entries())
      services.push(await startGateway(plan, config, gatewayName(plan, index), port));
    services.push(await startBridge(plan, config));
  } catch (error) {
    await stop();
    throw error;
  }
  const exited = new Promise<{ service: string; code: number | string }>((resolveExit) => {
    for (const service of services)
      void service.exited.then((code) => {
        if (!stopping) resolveExit({ service: service.name, code });
      });
  });
  return describeStack(plan, targets, services, exited, stop);
}

async function planStack(options: DevStackOptions): Promise<Plan> {
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  const replicas = options.gatewayReplicas ?? 1;
  checkReplicas(replicas, options.redisUrl);
  const mains = {
    controlPlane: options.apps?.controlPlane ?? locateApp("control-plane", cwd, env),
    gateway: options.apps?.gateway ?? locateApp("gateway", cwd, env),
    approvalsBridge: options.apps?.approvalsBridge ?? locateApp("approvals-bridge", cwd, env),
  };
  const dir = resolve(cwd, options.dir ?? ".sec0/dev");
  if (options.reset === true) resetWorkspace(dir);
  const keysDir = join(dir, "keys");
  mkdirSync(keysDir, { recursive: true, mode: 0o700 });
  if (!existsSync(join(keysDir, "ed25519.key"))) generateKeyFile(join(keysDir, "ed25519.key"));
  return {
    dir,
    tenant: options.tenant ?? "dev",
    keysDir,
    ports: await choosePorts(options.ports, replicas),
    baseEnv: inheritedEnv(env),
    mains,
    log: options.log ?? (() => {}),
    logLevel: options.logLevel ?? "info",
    options,
    secrets: loadDevSecrets(dir),
  };
}

function controlPlaneEnv(plan: Plan): Record<string, string | undefined> {
  return {
    ...plan.baseEnv,
    SEC0_CONTROL_PLANE_HOST: "127.0.0.1",
    SEC0_CONTROL_PLANE_PORT: String(plan.ports.controlPlane),
    SEC0_CONTROL_PLANE_DATA_DIR: join(plan.dir, "control-plane", "data"),
    LOG_LEVEL: plan.logLevel,
    ...(plan.options.databaseUrl === undefined ? {} : { DATABASE_URL: plan.options.databaseUrl }),
  };
}

/** Creates the tenant and its first admin key once (`sec0-control-plane init`), before serving. */
async function initControlPlane(plan: Plan): Promise<void> {
  if (plan.secrets.adminKey !== undefined) return;
  const cwd = join(plan.dir, "control-plane");
  mkdirSync(cwd, { recursive: true });
  // On a shared PostgreSQL the tenant may have an admin key already: --force adds one, revokes none.
  const force = plan.options.databaseUrl === undefined ? [] : ["--force"];
  const init = await runDevCommand(
    plan.mains.controlPlane,
    ["init", "--tenant", plan.tenant, ...force],
    cwd,
    controlPlaneEnv(plan),
  );
  if (init.code !== 0)
    throw new Sec0Error("CLI_DEV_SETUP_FAILED", `sec0-control-plane init failed: ${init.stderr.trim()}`);
  plan.secrets.adminKey = parseInitOutput(init.stdout);
  saveDevSecrets(plan.dir, plan.secrets);
}

/** Serves the control plane, then makes the services' keys and registers the bridge. */
async function startControlPlane(plan: Plan): Promise<DevService> {
  const controlPlaneUrl = url(plan.ports.controlPlane);
  const service = await startDevService({
    name: "control-plane",
    main: plan.mains.controlPlane,
    cwd: join(plan.dir, "control-plane"),
    env: controlPlaneEnv(plan),
    url: controlPlaneUrl,
    log: plan.log,
  });
  try {
    const admin = devAdminClient(controlPlaneUrl, plan.secrets.adminKey as string);
    if (!(await admin.keyWorks()))
      throw new Sec0Error(
        "CLI_DEV_STATE_INVALID",
        `the admin key kept in ${join(plan.dir, WORKSPACE_MARKER)} is not valid on this control plane (its database was changed or removed); run sec0 dev --reset.`,
      );
    await ensureDevKeys(admin, plan.secrets, controlPlaneUrl);
    saveDevSecrets(plan.dir, plan.secrets);
    const webhook = `${url(plan.ports.approvalsBridge)}/webhooks/escalations`;
    await admin.registerBridge("sec0-dev", webhook, plan.secrets.webhookSecret);
  } catch (error) {
    await service.stop();
    throw error;
  }
  return service;
}

function configInputOf(plan: Plan, targets: Readonly<Record<string, string>>): DevConfigInput {
  return {
    tenant: plan.tenant,
    keysDir: plan.keysDir,
    bridgePort: plan.ports.approvalsBridge,
    controlPlaneUrl: url(plan.ports.controlPlane),
    targets,
    gatewayClientKey: plan.secrets.gatewayClientKey,
    bridgeAuditDir: join(plan.dir, "approvals-bridge", "audit"),
    redisUrl: plan.options.redisUrl,
    approvers: plan.options.approvers ?? [defaultApprover()],
  };
}

function gatewayName(plan: Plan, index: number): string {
  return plan.ports.gateways.length === 1 ? "gateway" : `gateway-${index + 1}`;
}

async function startGateway(
  plan: Plan,
  config: DevConfigInput,
  name: string,
  port: number,
): Promise<DevService> {
  const cwd = join(plan.dir, name);
  mkdirSync(cwd, { recursive: true });
  const file = join(cwd, "gateway.json");
  writeFileSync(file, gatewayConfigJson(config, { port, auditDir: join(cwd, "audit") }), { mode: 0o600 });
  return startDevService({
    name,
    main: plan.mains.gateway,
    cwd,
    env: {
      ...plan.baseEnv,
      SEC0_GATEWAY_CONFIG: file,
      SEC0_SIGNER_KEY_DIRS: plan.keysDir,
      SEC0_CONTROL_PLANE_URL: config.controlPlaneUrl,
      SEC0_API_KEY: plan.secrets.gatewayKey,
      LOG_LEVEL: plan.logLevel,
      ...(plan.options.redisUrl === undefined ? {} : { REDIS_URL: plan.options.redisUrl }),
    },
    url: url(port),
    log: plan.log,
  });
}

async function startBridge(plan: Plan, config: DevConfigInput): Promise<DevService> {
  const cwd = join(plan.dir, "approvals-bridge");
  mkdirSync(cwd, { recursive: true });
  const file = join(cwd, "bridge.json");
  writeFileSync(file, bridgeConfigJson(config, plan.options.bridgeConfig), { mode: 0o600 });
  return startDevService({
    name: "approvals-bridge",
    main: plan.mains.approvalsBridge,
    cwd,
    env: {
      ...plan.baseEnv,
      SEC0_APPROVALS_BRIDGE_CONFIG: file,
      SEC0_SIGNER_KEY_DIRS: plan.keysDir,
      [DEV_SECRET_ENV.webhookSecret]: plan.secrets.webhookSecret,
      [DEV_SECRET_ENV.bridgeKey]: plan.secrets.bridgeKey,
      [DEV_SECRET_ENV.approvalsToken]: plan.secrets.approvalsToken,
      LOG_LEVEL: plan.logLevel,
      ...(plan.options.redisUrl === undefined ? {} : { REDIS_URL: plan.options.redisUrl }),
    },
    url: url(plan.ports.approvalsBridge),
    log: plan.log,
  });
}

function describeStack(
  plan: Plan,
  targets: Readonly<Record<string, string>>,
  services: readonly DevService[],
  exited: DevStack["exited"],
  stop: () => Promise<void>,
): DevStack {
  const { secrets, dir, ports } = plan;
  const gatewayDirs = ports.gateways.map((_, index) => join(dir, gatewayName(plan, index), "audit"));
  return {
    tenant: plan.tenant,
    dir,
    urls: {
      controlPlane: url(ports.controlPlane),
      console: `${url(ports.controlPlane)}/console/`,
      gateway: url(ports.gateways[0] as number),
      gateways: ports.gateways.map(url),
      approvalsBridge: url(ports.approvalsBridge),
      approvalsPage: `${url(ports.approvalsBridge)}/local/?token=${secrets.approvalsToken}`,
    },
    keys: {
      admin: secrets.adminKey as string,
      agent: secrets.agentKey as string,
      gatewayClient: secrets.gatewayClientKey,
    },
    approvalsToken: secrets.approvalsToken,
    approvers: plan.options.approvers ?? [defaultApprover()],
    auditKeyPath: join(plan.keysDir, "ed25519.key"),
    auditDirs: {
      gateway: gatewayDirs[0] as string,
      gateways: gatewayDirs,
      approvalsBridge: join(dir, "approvals-bridge", "audit"),
    },
    services,
    targets,
    storage: {
      database: plan.options.databaseUrl === undefined ? "pglite" : "postgres",
      state: plan.options.redisUrl === undefined ? "memory" : "redis",
    },
    exited,
    stop,
  };
}
