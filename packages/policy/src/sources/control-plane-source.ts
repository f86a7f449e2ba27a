import { Sec0Error, systemClock } from "@sec0/core";
import { describeIssue } from "../policy-issue.js";
import { validatePolicy } from "../validate-policy.js";
import { fetchPolicyDocument, type PolicyDocumentResponse } from "./fetch-policy-document.js";
import { mergePolicyScopes } from "./merge-scopes.js";
import { observeOnlyPolicy } from "./observe-policy.js";
import {
  createSnapshot,
  type PolicySnapshot,
  type PolicySource,
  type PolicySourceOptions,
} from "./snapshot.js";

/** Options of {@link createControlPlanePolicySource}; defaults in the README. */
export interface ControlPlanePolicySourceOptions extends PolicySourceOptions {
  /** e.g. `https://api.sec0.ai`. */
  readonly baseUrl: string;
  readonly tenant: string;
  /** Sent as `Authorization: Bearer <apiKey>`. */
  readonly apiKey?: string;
  readonly level?: "middleware" | "gateway";
  /** `base`: never per node; `agent`: always (a nodeId is required); `auto` (default): when one is known. */
  readonly scope?: "base" | "agent" | "auto";
  readonly nodeId?: string;
  /** How long a snapshot is served before it is revalidated in the background (default 60 000 ms). */
  readonly refreshIntervalMs?: number;
  /** Per request (default 5000 ms). */
  readonly timeoutMs?: number;
  /** When no policy was ever obtained: `fail` throws `POLICY_UNAVAILABLE` (default), `observe` serves an observe-only policy. */
  readonly onUnavailable?: "fail" | "observe";
  /** A fetch failed; the last good policy stays in force. */
  readonly onError?: (error: unknown) => void;
  readonly fetch?: typeof fetch;
}

interface Entry {
  snapshot?: PolicySnapshot;
  checkedAt: number;
  inflight?: Promise<PolicySnapshot>;
  docs: Map<string, { etag?: string; document?: unknown }>;
}

/** A control-plane source; `refresh` forces a revalidation. */
export interface ControlPlanePolicySource extends PolicySource {
  refresh(request?: { readonly nodeId?: string }): Promise<PolicySnapshot>;
}

/**
 * Policies from the control plane: `GET {baseUrl}/api/policy/{tenant}?level=&nodeId=` (YAML),
 * revalidated with `If-None-Match` every `refreshIntervalMs`; the agent (nodeId) document is
 * merged over the base document (docs/adr/0002-policy-scope-merge.md). A failed fetch keeps the
 * last good snapshot.
 *
 * @throws {Sec0Error} from `get`: `POLICY_UNAVAILABLE` when no policy was ever obtained and
 *   `onUnavailable` is `fail`; `POLICY_SOURCE_CONFIG_INVALID` for scope `agent` without a nodeId.
 * @example
 * const source = createControlPlanePolicySource({ baseUrl: "https://api.sec0.ai", tenant: "my-app", apiKey });
 * const { compiled } = await source.get({ nodeId: "planner" });
 */
export function createControlPlanePolicySource(
  options: ControlPlanePolicySourceOptions,
): ControlPlanePolicySource {
  const clock = options.clock ?? systemClock;
  const refreshMs = options.refreshIntervalMs ?? 60_000;
  const entries = new Map<string, Entry>();
  let fallback: PolicySnapshot | undefined;

  const urlFor = (nodeId: string | undefined): string => {
    const url = new URL(
      `api/policy/${encodeURIComponent(options.tenant)}`,
      options.baseUrl.replace(/\/?$/, "/"),
    );
    url.searchParams.set("level", options.level ?? "middleware");
    if (nodeId !== undefined) url.searchParams.set("nodeId", nodeId);
    return url.toString();
  };

  const fetchDoc = async (entry: Entry, url: string): Promise<{ changed: boolean; document?: unknown }> => {
    const cached = entry.docs.get(url);
    const response: PolicyDocumentResponse = await fetchPolicyDocument({
      url,
      timeoutMs: options.timeoutMs ?? 5000,
      fetch: options.fetch ?? fetch,
      ...(options.apiKey === undefined ? {} : { apiKey: options.apiKey }),
      ...(cached?.etag === undefined ? {} : { etag: cached.etag }),
    });
    if (response.status === "not-modified" && cached !== undefined)
      return { changed: false, document: cached.document };
    const next: { etag?: string; document?: unknown } =
      response.status === "ok"
        ? { document: response.document, ...(response.etag ? { etag: response.etag } : {}) }
        : {};
    entry.docs.set(url, next);
    return { changed: true, document: next.document };
  };

  const load = async (entry: Entry, nodeId: string | undefined): Promise<PolicySnapshot> => {
    const baseUrl = urlFor(undefined);
    const base = await fetchDoc(entry, baseUrl);
    const agent = nodeId === undefined ? undefined : await fetchDoc(entry, urlFor(nodeId));
    const now = clock.now();
    if (!base.changed && agent?.changed !== true && entry.snapshot !== undefined)
      return { ...entry.snapshot, fetchedAt: now };
    if (base.document === undefined)
      throw unavailable("the control plane has no base policy for this tenant");
    const merged = mergePolicyScopes(base.document, agent?.document);
    const result = validatePolicy(merged);
    if (!result.valid || result.policy === undefined) {
      throw new Sec0Error(
        "POLICY_INVALID",
        `Invalid policy from the control plane: ${result.errors.map(describeIssue).join("; ")}.`,
        {
          details: { errors: result.errors.map(({ segments: _s, ...rest }) => rest) },
        },
      );
    }
    const etags = [
      entry.docs.get(baseUrl)?.etag,
      nodeId === undefined ? undefined : entry.docs.get(urlFor(nodeId))?.etag,
    ];
    const etag = etags.filter((value) => value !== undefined).join(", ") || undefined;
    const source = `control-plane:${nodeId === undefined ? baseUrl : urlFor(nodeId)}`;
    return createSnapshot(result.policy, source, {
      ...options,
      clock,
      ...(etag === undefined ? {} : { etag }),
    });
  };

  const revalidate = (entry: Entry, nodeId: string | undefined): Promise<PolicySnapshot> => {
    entry.inflight ??= load(entry, nodeId)
      .then(
        (snapshot) => (entry.snapshot = snapshot),
        (error: unknown) => recover(entry, error),
      )
      .finally(() => {
        entry.checkedAt = clock.now();
        entry.inflight = undefined;
      });
    return entry.inflight;
  };

  const recover = (entry: Entry, error: unknown): PolicySnapshot => {
    options.onError?.(error);
    if (entry.snapshot !== undefined) return entry.snapshot;
    if (options.onUnavailable === "observe") {
      fallback ??= createSnapshot(observeOnlyPolicy(options.tenant), "builtin:observe", {
        ...options,
        clock,
      });
      return fallback;
    }
    throw error instanceof Sec0Error && error.code === "POLICY_UNAVAILABLE"
      ? error
      : unavailable((error as Error)?.message ?? String(error), error);
  };

  const entryFor = (request?: { nodeId?: string }): [Entry, string | undefined] => {
    const nodeId = resolveNode(options, request?.nodeId);
    const key = nodeId ?? "";
    let entry = entries.get(key);
    if (entry === undefined) {
      entry = { checkedAt: Number.NEGATIVE_INFINITY, docs: new Map() };
      entries.set(key, entry);
    }
    return [entry, nodeId];
  };

  return {
    async get(request) {
      const [entry, nodeId] = entryFor(request);
      if (entry.snapshot === undefined) return revalidate(entry, nodeId);
      // Stale-while-revalidate: serve the current snapshot, refresh in the background.
      if (clock.now() - entry.checkedAt >= refreshMs) void revalidate(entry, nodeId).catch(() => {});
      return entry.snapshot;
    },
    async refresh(request) {
      const [entry, nodeId] = entryFor(request);
      return revalidate(entry, nodeId);
    },
    close() {
      entries.clear();
    },
  };
}

function resolveNode(
  options: ControlPlanePolicySourceOptions,
  requested: string | undefined,
): string | undefined {
  const scope = options.scope ?? "auto";
  if (scope === "base") return undefined;
  const nodeId = requested ?? options.nodeId;
  if (scope === "agent" && nodeId === undefined) {
    throw new Sec0Error(
      "POLICY_SOURCE_CONFIG_INVALID",
      'Policy scope "agent" needs a nodeId: pass it to get() or in the options.',
    );
  }
  return nodeId;
}

function unavailable(why: string, cause?: unknown): Sec0Error {
  return new Sec0Error(
    "POLICY_UNAVAILABLE",
    `No policy could be obtained from the control plane (${why}); calls are denied until one is.`,
    {
      ...(cause === undefined ? {} : { cause }),
    },
  );
}
