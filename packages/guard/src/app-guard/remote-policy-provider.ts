import { CONTROL_PLANE_PATHS, ValidateKeyResponseSchema } from "@sec0/core/contracts";
import { createControlPlaneClient, resolveControlPlaneUrl } from "@sec0/core/control-plane";
import { createControlPlanePolicySource, type PolicySnapshot } from "@sec0/policy";
import { GuardConfigError, GuardPolicyUnavailableError } from "./guard-errors.js";
import {
  type GuardPolicyDocument,
  type GuardPolicyProvider,
  policyDocumentOf,
  snapshotDocument,
} from "./guard-policy.js";

/** Credentials for the control plane: an API key (sent as a Bearer token). */
export interface GuardRemoteAuth {
  readonly apiKey?: string | undefined;
  /** Accepted as 0.2.3 did: used as the key when `apiKey` is not set. */
  readonly bearerToken?: string | undefined;
}

/** `provider.remote.source`: which control-plane policy (0.2.3's descriptor). */
export interface GuardRemoteSource {
  readonly source?: "control-plane";
  readonly level?: "middleware" | "gateway";
  /** `base` (default for the guard): one policy for every agent; `auto` / `agent`: per `context.nodeId`. */
  readonly scope?: "base" | "agent" | "auto";
  readonly nodeId?: string;
}

/** A user function that returns the policy (0.2.3's `getPolicy` form). */
export type GuardPolicyFetcher = (request: {
  readonly nodeId?: string;
}) => Promise<unknown | { readonly policy: unknown; readonly hash?: string }>;

/** `provider.remote`: the control plane (ETag-cached), or your own function. */
export interface RemoteProviderConfig {
  readonly auth?: GuardRemoteAuth;
  readonly source?: GuardRemoteSource;
  /** Default: `SEC0_CONTROL_PLANE_URL`, else `https://api.sec0.ai`. */
  readonly controlPlaneUrl?: string;
  /** Default: the API key's tenant, from `POST /api/auth/validate-key`. */
  readonly tenant?: string;
  /** How long a policy is served before it is revalidated (`If-None-Match`) in the background (default 60 000 ms). */
  readonly refreshIntervalMs?: number;
  /** Per control-plane request (default 5000 ms). */
  readonly timeoutMs?: number;
  readonly getPolicy?: GuardPolicyFetcher;
  readonly fetch?: typeof fetch;
}

/** Options the guard passes down. */
export interface RemoteProviderOptions {
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Milliseconds clock of the refresh interval (tests). */
  readonly now?: () => number;
  /** A background refresh failed; the last good policy stays in force. */
  readonly onError?: (error: unknown) => void;
}

/**
 * The control plane's policy: the tenant from the key (`POST /api/auth/validate-key`, once), then
 * `GET /api/policy/{tenant}?level=` (YAML, revalidated with `If-None-Match`). A failed refresh keeps
 * the last good policy and marks decisions `remote-cache` with the reason; with no policy ever
 * obtained every decision fails with `GUARD_POLICY_UNAVAILABLE` (fail closed).
 *
 * @throws {GuardConfigError} `GUARD_CONFIG_INVALID` without `auth.apiKey` (and no `getPolicy`).
 * @example
 * const provider = createRemotePolicyProvider({ auth: { apiKey }, controlPlaneUrl: "https://api.sec0.ai" });
 * const { document, source } = await provider.get({ nodeId: "planner" });
 */
export function createRemotePolicyProvider(
  config: RemoteProviderConfig | GuardPolicyFetcher,
  options: RemoteProviderOptions = {},
): GuardPolicyProvider {
  const remote: RemoteProviderConfig = typeof config === "function" ? { getPolicy: config } : config;
  if (remote.getPolicy !== undefined) return fetcherProvider(remote.getPolicy);
  const apiKey = nonBlank(remote.auth?.apiKey) ?? nonBlank(remote.auth?.bearerToken);
  if (apiKey === undefined) {
    throw new GuardConfigError(
      "provider.remote.auth.apiKey",
      "provider.remote needs auth.apiKey (a control-plane API key, e.g. process.env.SEC0_API_KEY), or a getPolicy function.",
    );
  }
  const baseUrl = resolveControlPlaneUrl({ controlPlaneUrl: remote.controlPlaneUrl, env: options.env });
  const timeoutMs = remote.timeoutMs ?? 5000;
  let lastError: unknown;
  // Marks the control plane healthy when the policy request itself succeeded; a parse failure of
  // that answer is reported to onError afterwards and marks it unhealthy again.
  const fetchOf = remote.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const trackingFetch: typeof fetch = async (input, init) => {
    const response = await fetchOf(input, init);
    if (response.ok || response.status === 304) lastError = undefined;
    return response;
  };
  const tenantOf = discoverTenant(remote, baseUrl, apiKey, timeoutMs);
  let source: ReturnType<typeof createControlPlanePolicySource> | undefined;
  const sourceFor = async () => {
    const tenant = await tenantOf();
    source ??= createControlPlanePolicySource({
      baseUrl,
      tenant,
      apiKey,
      level: remote.source?.level ?? "middleware",
      scope: remote.source?.scope ?? "base",
      ...(remote.source?.nodeId === undefined ? {} : { nodeId: remote.source.nodeId }),
      refreshIntervalMs: Math.max(1000, remote.refreshIntervalMs ?? 60_000),
      timeoutMs,
      onUnavailable: "fail",
      fetch: trackingFetch,
      ...(options.now === undefined ? {} : { clock: { now: options.now } }),
      onError: (error) => {
        lastError = error;
        options.onError?.(error);
      },
    });
    return source;
  };
  const documents = new WeakMap<PolicySnapshot, GuardPolicyDocument>();
  return {
    async get(request) {
      let snapshot: PolicySnapshot;
      try {
        snapshot = await (await sourceFor()).get(
          request.nodeId === undefined ? {} : { nodeId: request.nodeId },
        );
      } catch (error) {
        throw unavailable(error, baseUrl);
      }
      let document = documents.get(snapshot);
      if (document === undefined) {
        document = snapshotDocument(snapshot);
        documents.set(snapshot, document);
      }
      return lastError === undefined
        ? { document, source: "remote" }
        : { document, source: "remote-cache", fallbackReason: reasonOf(lastError) };
    },
    close: () => source?.close(),
  };
}

/** The tenant: configured, else the key's (asked once; a failure is retried at the next decision). */
function discoverTenant(
  remote: RemoteProviderConfig,
  baseUrl: string,
  apiKey: string,
  timeoutMs: number,
): () => Promise<string> {
  if (remote.tenant !== undefined) return () => Promise.resolve(remote.tenant as string);
  const client = createControlPlaneClient({ baseUrl, apiKey, timeoutMs, fetch: remote.fetch });
  let pending: Promise<string> | undefined;
  return () => {
    pending ??= client
      .postJson(CONTROL_PLANE_PATHS.validateKey, {}, ValidateKeyResponseSchema, {
        headers: { "x-api-key": apiKey },
      })
      .then(
        (reply) => reply.tenant,
        (error) => {
          pending = undefined;
          throw error;
        },
      );
    return pending;
  };
}

function fetcherProvider(getPolicy: GuardPolicyFetcher): GuardPolicyProvider {
  const documents = new WeakMap<object, GuardPolicyDocument>();
  return {
    async get(request) {
      let value: unknown;
      try {
        value = await getPolicy(request.nodeId === undefined ? {} : { nodeId: request.nodeId });
      } catch (error) {
        throw unavailable(error, "getPolicy");
      }
      const policy =
        typeof value === "object" && value !== null && "policy" in value
          ? (value as { policy: unknown }).policy
          : value;
      if (typeof policy !== "object" || policy === null) {
        throw new GuardPolicyUnavailableError("provider.remote.getPolicy returned no policy object.", {
          details: { source: "remote" },
        });
      }
      let document = documents.get(policy);
      if (document === undefined) {
        try {
          document = policyDocumentOf(policy, "provider.remote.getPolicy()", "remote");
        } catch (error) {
          throw unavailable(error, "getPolicy");
        }
        documents.set(policy, document);
      }
      return { document, source: "remote" };
    },
    close: () => {},
  };
}

function unavailable(error: unknown, where: string): GuardPolicyUnavailableError {
  if (error instanceof GuardPolicyUnavailableError) return error;
  return new GuardPolicyUnavailableError(`No policy from the control plane (${where}): ${reasonOf(error)}`, {
    details: { source: "remote", ...codeOf(error) },
    cause: error,
  });
}

function codeOf(error: unknown): { cause_code?: string } {
  const code = (error as { code?: unknown })?.code;
  return typeof code === "string" ? { cause_code: code } : {};
}

/** An error's message, cut to 300 characters (the control-plane client's messages carry no key). */
function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.length > 300 ? `${message.slice(0, 297)}...` : message;
}

function nonBlank(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value;
}
