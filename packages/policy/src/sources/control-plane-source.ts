import { Sec0Error, systemClock } from "@sec0/core";
import { createControlPlaneClient } from "@sec0/core/control-plane";
import {
  loadControlPlaneSnapshot,
  type PolicyEntry,
  type SnapshotLoadContext,
} from "./load-control-plane-snapshot.js";
import { observeOnlyPolicy } from "./observe-policy.js";
import { policyUnavailable } from "./policy-unavailable.js";
import { resolvePolicyNode } from "./resolve-policy-node.js";
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
  /** Passed to the control-plane client; defaults to the global `fetch`. */
  readonly fetch?: typeof fetch;
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
  const context = loadContext(options);
  const refreshMs = options.refreshIntervalMs ?? 60_000;
  const entries = new Map<string, PolicyEntry>();
  const fallback = lazyObserveSnapshot(options, context);
  const revalidate = (entry: PolicyEntry, nodeId: string | undefined): Promise<PolicySnapshot> =>
    revalidateEntry(
      entry,
      context,
      () => loadControlPlaneSnapshot(context, entry, nodeId),
      (error) => recover(options, entry, error, fallback),
    );
  const entryFor = (request?: { nodeId?: string }): [PolicyEntry, string | undefined] => {
    const nodeId = resolvePolicyNode(options, request?.nodeId);
    let entry = entries.get(nodeId ?? "");
    if (entry === undefined) {
      entry = { checkedAt: Number.NEGATIVE_INFINITY, docs: new Map() };
      entries.set(nodeId ?? "", entry);
    }
    return [entry, nodeId];
  };
  return {
    async get(request) {
      const [entry, nodeId] = entryFor(request);
      if (entry.snapshot === undefined) return revalidate(entry, nodeId);
      // Stale-while-revalidate: serve the current snapshot, refresh in the background.
      if (context.clock.now() - entry.checkedAt >= refreshMs) void revalidate(entry, nodeId).catch(() => {});
      return entry.snapshot;
    },
    refresh: (request) => revalidate(...entryFor(request)),
    close() {
      entries.clear();
    },
  };
}

function loadContext(options: ControlPlanePolicySourceOptions): SnapshotLoadContext {
  const timeoutMs = options.timeoutMs ?? 5000;
  const client = createControlPlaneClient({
    baseUrl: options.baseUrl,
    apiKey: options.apiKey,
    timeoutMs,
    fetch: options.fetch,
  });
  return {
    client,
    tenant: options.tenant,
    level: options.level ?? "middleware",
    timeoutMs,
    clock: options.clock ?? systemClock,
    snapshotOptions: options,
  };
}

/**
 * One revalidation at a time per entry: concurrent callers share it. A loaded snapshot becomes
 * the entry's; what `recover` answers does not (an observe-only fallback is retried next time).
 */
function revalidateEntry(
  entry: PolicyEntry,
  context: SnapshotLoadContext,
  load: () => Promise<PolicySnapshot>,
  recover: (error: unknown) => PolicySnapshot,
): Promise<PolicySnapshot> {
  entry.inflight ??= load()
    .then((snapshot) => (entry.snapshot = snapshot), recover)
    .finally(() => {
      entry.checkedAt = context.clock.now();
      entry.inflight = undefined;
    });
  return entry.inflight;
}

/** After a failed load: the last good snapshot, else observe-only or `POLICY_UNAVAILABLE`. */
function recover(
  options: ControlPlanePolicySourceOptions,
  entry: PolicyEntry,
  error: unknown,
  observe: () => PolicySnapshot,
): PolicySnapshot {
  options.onError?.(error);
  if (entry.snapshot !== undefined) return entry.snapshot;
  if (options.onUnavailable === "observe") return observe();
  throw error instanceof Sec0Error && error.code === "POLICY_UNAVAILABLE"
    ? error
    : policyUnavailable((error as Error)?.message ?? String(error), error);
}

function lazyObserveSnapshot(
  options: ControlPlanePolicySourceOptions,
  context: SnapshotLoadContext,
): () => PolicySnapshot {
  let snapshot: PolicySnapshot | undefined;
  return () => {
    snapshot ??= createSnapshot(observeOnlyPolicy(options.tenant), "builtin:observe", {
      ...options,
      clock: context.clock,
    });
    return snapshot;
  };
}
