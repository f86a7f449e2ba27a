import { type Clock, canonicalize, sha256Hex, systemClock } from "@sec0/core";
import { type CompiledPolicy, type CompilePolicyOptions, compilePolicy } from "../compile-policy.js";
import type { Policy } from "../schema/policy-schema.js";

/** One version of a policy as a source delivered it. */
export interface PolicySnapshot {
  readonly policy: Policy;
  readonly compiled: CompiledPolicy;
  /** `sha256` hex of the RFC 8785 canonical JSON of `policy`: recorded in audit records. */
  readonly hash: string;
  /** Where it came from: `inline`, `yaml`, `file:<path>`, `control-plane:<url>`, `builtin:observe`. */
  readonly source: string;
  /** Milliseconds since the epoch when the source obtained it. */
  readonly fetchedAt: number;
  readonly etag?: string;
}

/** A place policies come from. `get` resolves the current snapshot for a node (or the base). */
export interface PolicySource {
  get(request?: { readonly nodeId?: string }): Promise<PolicySnapshot>;
  /** Stops watchers and timers. */
  close(): void;
}

/** Options shared by every source. */
export interface PolicySourceOptions extends CompilePolicyOptions {
  readonly clock?: Clock;
}

/** Builds a snapshot: compiles the policy and hashes its canonical JSON. */
export function createSnapshot(
  policy: Policy,
  source: string,
  options: PolicySourceOptions & { etag?: string } = {},
): PolicySnapshot {
  return {
    policy,
    compiled: compilePolicy(policy, options),
    hash: sha256Hex(canonicalize(policy)),
    source,
    fetchedAt: (options.clock ?? systemClock).now(),
    ...(options.etag === undefined ? {} : { etag: options.etag }),
  };
}
