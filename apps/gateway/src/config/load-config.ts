import { dirname, isAbsolute, resolve } from "node:path";
import type { ParsedPolicy } from "@sec0/policy";
import { applyEnvOverrides } from "./apply-env-overrides.js";
import { configInvalid, formatKeyPath } from "./config-error.js";
import { type GatewayConfigFile, GatewayConfigFileSchema } from "./config-schema.js";
import { describeSchemaIssue } from "./describe-schema-issue.js";
import { CONFIG_DEFAULTS, type GatewayAppConfig } from "./gateway-app-config.js";
import { loadPolicyFile } from "./load-policy-file.js";
import { type ConfigDocument, readConfigFile } from "./read-config-file.js";
import { refusePlainApiKeys } from "./refuse-plain-api-keys.js";

/** Environment the service reads: `SEC0_GATEWAY_CONFIG`, `REDIS_URL` and the overrides. */
export type ConfigEnv = Readonly<Record<string, string | undefined>>;

/**
 * Loads the service config: the file at `SEC0_GATEWAY_CONFIG` (default `./gateway.yaml`, relative
 * to `cwd`), the environment overrides on top, the strict schema, then the policy file it names
 * and the checks across sections. The only reader of the environment in the service.
 *
 * @throws {Sec0Error} `GATEWAY_APP_CONFIG_INVALID`, one line naming the file (or `env NAME`) and
 *   the key path.
 * @example
 * const config = loadConfig(process.env);
 * config.server.port; // 8088 unless PORT or server.port says otherwise
 */
export function loadConfig(env: ConfigEnv, options: { readonly cwd?: string } = {}): GatewayAppConfig {
  const shown = env.SEC0_GATEWAY_CONFIG?.trim() || CONFIG_DEFAULTS.configPath;
  const absolute = resolve(options.cwd ?? process.cwd(), shown);
  const doc = readConfigFile(absolute, shown);
  if (doc.data === null || typeof doc.data !== "object" || Array.isArray(doc.data)) {
    throw configInvalid({
      source: shown,
      path: "",
      message: "expected a mapping of keys (tenant: …, gateway: …)",
    });
  }
  const data = doc.data as Record<string, unknown>;
  refusePlainApiKeys(data, shown, doc.locate);
  const file = validateFile(data, doc, env, shown);
  const dir = dirname(absolute);
  const policy =
    file.policy === undefined ? undefined : loadPolicyFile(resolve(dir, file.policy), file.policy, shown);
  const config = resolveConfig(file, policy, { shown, dir }, readRedisUrl(env));
  checkAcrossSections(config);
  return config;
}

function validateFile(
  data: Readonly<Record<string, unknown>>,
  doc: ConfigDocument,
  env: ConfigEnv,
  shown: string,
): GatewayConfigFile {
  const { data: merged, fromEnv } = applyEnvOverrides(data, env);
  const parsed = GatewayConfigFileSchema.safeParse(merged);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const { segments, message } =
    issue === undefined ? { segments: [], message: "invalid" } : describeSchemaIssue(issue);
  const path = formatKeyPath(segments);
  const variable = fromEnv.get(segments.map(String).join("."));
  if (variable !== undefined) throw configInvalid({ source: `env ${variable}`, path: "", message });
  throw configInvalid({ source: shown, path, message, ...doc.locate(segments) });
}

function readRedisUrl(env: ConfigEnv): string | undefined {
  const url = env.REDIS_URL?.trim();
  if (url === undefined || url === "") return undefined;
  if (!/^rediss?:\/\/[^\s]+$/.test(url) || !URL.canParse(url)) {
    // The value may hold a password: the message never repeats it.
    throw configInvalid({
      source: "env REDIS_URL",
      path: "",
      message: "expected a redis:// or rediss:// URL",
    });
  }
  return url;
}

function resolveConfig(
  file: GatewayConfigFile,
  policy: ParsedPolicy | undefined,
  source: GatewayAppConfig["source"],
  redisUrl: string | undefined,
): GatewayAppConfig {
  return {
    source,
    tenant: file.tenant,
    gateway: file.gateway,
    server: {
      host: file.server?.host ?? CONFIG_DEFAULTS.host,
      port: file.server?.port ?? CONFIG_DEFAULTS.port,
      shutdownTimeoutMs: file.server?.shutdown_timeout_ms ?? CONFIG_DEFAULTS.shutdownTimeoutMs,
    },
    logLevel: file.log_level ?? CONFIG_DEFAULTS.logLevel,
    targets: file.targets ?? {},
    policy,
    enforcement: file.enforcement,
    audit: {
      dir: isAbsolute(file.audit.dir) ? file.audit.dir : resolve(source.dir, file.audit.dir),
      keyRef: file.audit.key_ref,
      ...(file.audit.durability === undefined ? {} : { durability: file.audit.durability }),
      ...(file.audit.signing === undefined ? {} : { signing: file.audit.signing }),
    },
    quotas: {
      ...(file.quotas?.fail_mode === undefined ? {} : { failMode: file.quotas.fail_mode }),
      ...(file.quotas?.timeout_ms === undefined ? {} : { timeoutMs: file.quotas.timeout_ms }),
    },
    redis: { url: redisUrl, prefix: file.redis?.prefix ?? CONFIG_DEFAULTS.redisPrefix },
    limits: limitsOf(file.limits ?? {}),
    apiKeys: file.api_keys ?? [],
  };
}

function limitsOf(limits: NonNullable<GatewayConfigFile["limits"]>): GatewayAppConfig["limits"] {
  return {
    maxBodyBytes: limits.max_body_bytes,
    maxResponseBytes: limits.max_response_bytes,
    connectTimeoutMs: limits.connect_timeout_ms,
    headersTimeoutMs: limits.headers_timeout_ms,
    bodyTimeoutMs: limits.body_timeout_ms,
    upstreamTimeoutMs: limits.upstream_timeout_ms,
    connectionsPerTarget: limits.connections_per_target,
  };
}

/** Fail closed on what no single section shows: nothing to route to, or enforcing with no one to authenticate. */
function checkAcrossSections(config: GatewayAppConfig): void {
  const { shown } = config.source;
  if (Object.keys(config.targets).length === 0 && Object.keys(config.policy?.targets ?? {}).length === 0) {
    throw configInvalid({
      source: shown,
      path: "targets",
      message: 'name at least one upstream, e.g. targets: { files: "http://files:9000" }',
    });
  }
  if (config.policy !== undefined && config.policy.tenant !== config.tenant) {
    throw configInvalid({
      source: shown,
      path: "policy",
      message: "the policy file is for another tenant than the gateway's tenant; make them the same",
    });
  }
  const authn = config.policy?.authn;
  const authenticates = config.apiKeys.length > 0 || authn?.oidc !== undefined;
  if (config.enforcement.mode === "enforce" && !authenticates) {
    throw configInvalid({
      source: shown,
      path: "api_keys",
      message:
        "enforce mode needs callers to authenticate: add api_keys, or authn.oidc to the policy file " +
        "(without either, every caller would be accepted as the tenant)",
    });
  }
}
