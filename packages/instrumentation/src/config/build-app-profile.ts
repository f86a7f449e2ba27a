import { isAbsolute, join, resolve } from "node:path";
import { SAFE_KEY_DIRS_ENV } from "@sec0/signer";
import { appConfigSchema } from "./app-config-schema.js";
import { buildHopConfig } from "./build-hop-config.js";
import { type ConfigSource, configIssueError } from "./config-error.js";
import { rememberHopSources } from "./hop-sources.js";
import type { Sec0AppProfile, Sec0HopConfig } from "./sec0-app-profile.js";

/** Where the config came from and what relative paths and env fallbacks resolve against. */
export interface BuildAppProfileOptions {
  /** The file path (or `"<object>"`) for error messages, and the line of a key path when known. */
  readonly source: ConfigSource;
  /** Absolute directory relative paths resolve against. */
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/**
 * Validates a parsed `sec0.config.yaml` document and builds the app profile: one resolved hop
 * per `app.hops` entry, paths made absolute against `cwd`, the audit directory
 * (`controlPlane.appenderDir`, else `<sec0Dir>/audit`). Reads no file and opens no connection:
 * the signer key is only named here, and opened when the first hop records.
 *
 * @throws {import("@sec0/core").Sec0Error} `INSTRUMENTATION_CONFIG_INVALID` with `details.field`.
 * @example
 * const profile = buildAppProfile(YAML.parse(text), { source: { name: "sec0.config.yaml" }, cwd: process.cwd(), env: {} });
 */
export function buildAppProfile(document: unknown, options: BuildAppProfileOptions): Sec0AppProfile {
  const parsed = appConfigSchema.safeParse(document);
  if (!parsed.success) throw configIssueError(options.source, parsed.error.issues);
  const { app, auth = {}, controlPlane } = parsed.data;
  const entries = Object.entries(app.hops ?? {});
  const defaults = {
    source: options.source,
    tenant: app.tenant,
    client: app.client,
    ...(auth.svcToken === undefined ? {} : { svcToken: auth.svcToken }),
    orchestratorGatewayUrls: entries.flatMap(([, entry]) =>
      entry.type === "orchestrator" && entry.gatewayBaseUrl !== undefined ? [entry.gatewayBaseUrl] : [],
    ),
  };
  const hops = new Map<string, Sec0HopConfig>();
  for (const [key, entry] of entries) hops.set(key, Object.freeze(buildHopConfig(key, entry, defaults)));
  const sec0Dir = absolute(controlPlane.sec0Dir, options.cwd);
  const apiBaseUrl = controlPlane.apiBaseUrl ?? envUrl(options.env);
  const profile: Sec0AppProfile = Object.freeze({
    tenant: app.tenant,
    environment: app.environment,
    client: Object.freeze({ ...app.client }),
    hops,
    sec0Dir,
    signerPath: absolute(controlPlane.localSignerPath, options.cwd),
    keyOptions: Object.freeze({
      cwd: options.cwd,
      env: Object.freeze(
        options.env[SAFE_KEY_DIRS_ENV] === undefined
          ? {}
          : { [SAFE_KEY_DIRS_ENV]: options.env[SAFE_KEY_DIRS_ENV] },
      ),
    }),
    auditDir:
      controlPlane.appenderDir === undefined
        ? join(sec0Dir, "audit")
        : absolute(controlPlane.appenderDir, options.cwd),
    ...(controlPlane.auditSigning === undefined ? {} : { auditSigning: controlPlane.auditSigning }),
    auth: Object.freeze({ ...auth }),
    controlPlane: Object.freeze({
      ...(apiBaseUrl === undefined ? {} : { apiBaseUrl }),
      ...(controlPlane.otlpEndpoint === undefined ? {} : { otlpEndpoint: controlPlane.otlpEndpoint }),
      ...(controlPlane.timeoutMs === undefined ? {} : { timeoutMs: controlPlane.timeoutMs }),
      ...(controlPlane.escalation === undefined
        ? {}
        : { escalation: Object.freeze({ ...controlPlane.escalation }) }),
      presign: controlPlane.presign?.enabled ?? auth.sec0ApiKey !== undefined,
    }),
    source: options.source.name,
  });
  const raw = (document as { app: { hops?: Record<string, Record<string, unknown>> } }).app.hops ?? {};
  rememberHopSources(profile, { entries: raw, defaults });
  return profile;
}

function absolute(path: string, cwd: string): string {
  return isAbsolute(path) ? resolve(path) : resolve(cwd, path);
}

/**
 * `SEC0_CONTROL_PLANE_URL` only: as everywhere in sec0 (`resolveControlPlaneUrl` of
 * `@sec0/core/control-plane`), generic variables (`CONTROL_PLANE_URL`, `API_BASE_URL`) are never
 * read, since the API key would go to whatever host another program's variable names. Unlike that
 * function there is no default: no URL means local only.
 */
function envUrl(env: Readonly<Record<string, string | undefined>>): string | undefined {
  const value = env.SEC0_CONTROL_PLANE_URL?.trim();
  return value === undefined || value.length === 0 ? undefined : value.replace(/\/+$/, "");
}
