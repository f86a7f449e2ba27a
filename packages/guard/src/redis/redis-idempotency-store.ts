import { createHash, randomUUID } from "node:crypto";
import { type Clock, type IdempotencyBegin, type IdempotencyStore, Sec0Error, systemClock } from "@sec0/core";
import type { Redis } from "ioredis";
import { guardConfigError } from "../config-error.js";
import { checkResultTtl } from "../idempotency/check-result-ttl.js";
import {
  IDEMPOTENCY_BEGIN_LUA,
  IDEMPOTENCY_COMPLETE_LUA,
  IDEMPOTENCY_FAIL_LUA,
  IDEMPOTENCY_RENEW_LUA,
} from "./idempotency-scripts.js";
import { createLeaseRenewer } from "./lease-renewer.js";
import { defineRedisScript, type RedisScript } from "./redis-script.js";

/** Options of {@link createRedisIdempotencyStore}. */
export interface RedisIdempotencyStoreOptions {
  /** The shared client (see `createRedisClient`); the store does not close it. */
  readonly client: Redis;
  /** Prefix of every key (default `sec0:idem:`); in Redis Cluster put a hash tag in it (`{sec0}:idem:`). */
  readonly prefix?: string;
  /** A claim's lease in ms (default 30 000): renewed every third of it while the call runs. */
  readonly leaseMs?: number;
  /** How long a duplicate waits for a running call's result, polling Redis (default 2000 ms). */
  readonly waitMs?: number;
  /** Records (claims and results within their TTL) held across all replicas (default 1 000 000). */
  readonly capacity?: number;
  /** Judges result TTLs (default the system clock). */
  readonly clock?: Clock;
  /** Extra ms a result is kept in Redis past its TTL, for clock skew between replicas (default 60 000). */
  readonly gcGraceMs?: number;
}

/** A Redis {@link IdempotencyStore}; `close` stops renewing this process's leases. */
export interface RedisIdempotencyStore<T = unknown> extends IdempotencyStore<T> {
  /** Stops every lease renewal (claims still held then lapse after their lease); the client stays open. */
  close(): Promise<void>;
}

const POLL_MAX_MS = 100;

/**
 * Creates an {@link IdempotencyStore} shared by every replica on one Redis. A claim is a lease
 * (`leaseMs`) that this process renews while the call runs, so a crashed holder's key frees itself;
 * `complete` and `fail` take effect only with the claim's token (Lua). Results are stored as JSON
 * (`undefined` and functions are dropped as `JSON.stringify` drops them) and replayed for exactly
 * their TTL by `clock`; Redis expiry is only a garbage-collection bound past that. Capacity counts
 * claims and live results across all replicas. When `complete` fails, renewal stops, so the
 * claim lapses after its lease.
 *
 * @throws {Sec0Error} `GUARD_CONFIG_INVALID` for an unusable option; `begin`, `complete` and `fail`
 *   reject with `GUARD_REDIS_UNAVAILABLE` when Redis fails, and `complete` with
 *   `GUARD_IDEMPOTENCY_RESULT_INVALID` for a result JSON cannot hold (a bigint, a cycle) or
 *   `GUARD_CONFIG_INVALID` for a bad `ttlMs`.
 * @example
 * const store = createRedisIdempotencyStore({ client: createRedisClient("redis://127.0.0.1:6379") });
 * const outcome = await executeIdempotently(store, { key: "acme|planner|k-1", args, ttlMs: 86_400_000 }, run);
 */
export function createRedisIdempotencyStore<T = unknown>(
  options: RedisIdempotencyStoreOptions,
): RedisIdempotencyStore<T> {
  const { client } = options;
  const prefix = options.prefix ?? "sec0:idem:";
  const leaseMs = option(options.leaseMs, "leaseMs", 30_000, 1);
  const waitMs = option(options.waitMs, "waitMs", 2000, 0);
  const capacity = option(options.capacity, "capacity", 1_000_000, 1);
  const gcGraceMs = option(options.gcGraceMs, "gcGraceMs", 60_000, 0);
  if (!Number.isInteger(capacity))
    throw guardConfigError(
      "capacity",
      "Idempotency store option capacity must be a whole number of records.",
    );
  const clock = options.clock ?? systemClock;
  const scripts = {
    begin: defineRedisScript(client, "idem_begin", IDEMPOTENCY_BEGIN_LUA),
    complete: defineRedisScript(client, "idem_complete", IDEMPOTENCY_COMPLETE_LUA),
    fail: defineRedisScript(client, "idem_fail", IDEMPOTENCY_FAIL_LUA),
    renew: defineRedisScript(client, "idem_renew", IDEMPOTENCY_RENEW_LUA),
  };
  const renewer = createLeaseRenewer(Math.max(1, Math.floor(leaseMs / 3)));
  const keysOf = (key: string) => {
    const member = createHash("sha256").update(key).digest("hex");
    return { member, keys: [`${prefix}r:${member}`, `${prefix}done`, `${prefix}run`] };
  };

  const attempt = async (key: string, argsDigest: string): Promise<IdempotencyBegin<T>> => {
    const { member, keys } = keysOf(key);
    const token = randomUUID();
    const args = [argsDigest, token, clock.now(), leaseMs, capacity, member];
    const [state, result] = (await call(scripts.begin, keys, args, "idempotency.begin")) as [string, string?];
    if (state === "new") {
      renewer.start(token, async () => (await scripts.renew(keys, [token, leaseMs, member])) === 1);
      return { state: "new", claim: { key, token } };
    }
    if (state === "replay") return { state: "replay", result: (JSON.parse(result!) as { v: T }).v };
    if (state === "conflict") return { state: "conflict", reason: "idempotency_conflict" };
    if (state === "full") return { state: "full", reason: "idempotency_store_full" };
    return { state: "in_flight" };
  };

  return {
    begin: (key, argsDigest) => waitWhileInFlight(() => attempt(key, argsDigest), waitMs),
    async complete(held, result, completion) {
      const ttlMs = checkResultTtl(completion);
      renewer.stop(held.token);
      const { member, keys } = keysOf(held.key);
      const json = encodeResult(result);
      const expiresAt = clock.now() + ttlMs;
      await call(
        scripts.complete,
        keys,
        [held.token, json, expiresAt, Math.ceil(ttlMs + gcGraceMs), member],
        "idempotency.complete",
      );
    },
    async fail(held) {
      renewer.stop(held.token);
      const { member, keys } = keysOf(held.key);
      await call(scripts.fail, keys, [held.token, member], "idempotency.fail");
    },
    async close() {
      renewer.stopAll();
    },
  };
}

/** Asks again, with pauses growing to 100 ms, while the key's call runs, for at most `waitMs`. */
async function waitWhileInFlight<T>(
  attempt: () => Promise<IdempotencyBegin<T>>,
  waitMs: number,
): Promise<IdempotencyBegin<T>> {
  const deadline = performance.now() + waitMs;
  let answer = await attempt();
  for (let pause = 5; answer.state === "in_flight"; pause = Math.min(pause * 2, POLL_MAX_MS)) {
    const left = deadline - performance.now();
    if (left <= 0) break;
    await new Promise((resolve) => setTimeout(resolve, Math.min(pause, left)));
    answer = await attempt();
  }
  return answer;
}

async function call(
  script: RedisScript,
  keys: string[],
  args: (string | number)[],
  operation: string,
): Promise<unknown> {
  try {
    return await script(keys, args);
  } catch (error) {
    throw new Sec0Error(
      "GUARD_REDIS_UNAVAILABLE",
      "The Redis idempotency store could not answer; check that Redis is reachable.",
      {
        details: { operation },
        cause: error,
      },
    );
  }
}

function encodeResult(result: unknown): string {
  try {
    return JSON.stringify({ v: result });
  } catch (error) {
    throw new Sec0Error(
      "GUARD_IDEMPOTENCY_RESULT_INVALID",
      "An idempotent call's result must be JSON to be stored in Redis (no bigint, no cycles).",
      {
        cause: error,
      },
    );
  }
}

function option(value: number | undefined, field: string, fallback: number, min: number): number {
  const resolved = value ?? fallback;
  if (typeof resolved !== "number" || !Number.isFinite(resolved) || resolved < min) {
    throw guardConfigError(
      field,
      `Idempotency store option ${field} must be a number ≥ ${min}; got ${String(resolved)}.`,
    );
  }
  return resolved;
}
