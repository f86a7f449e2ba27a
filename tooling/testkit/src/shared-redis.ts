// The shared Redis of the development and CI machines (127.0.0.1:6379). Tests that need it probe it
// once and skip, saying why, when it is not there; each test file uses its own random key prefix
// and deletes its keys afterwards.
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";

export const SHARED_REDIS_URL = process.env.SEC0_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

/** Why the shared Redis cannot be used (printed with console.warn), or undefined when it answers. */
export async function probeSharedRedis(label: string): Promise<string | undefined> {
  const probe = new Redis(SHARED_REDIS_URL, {
    lazyConnect: true,
    connectTimeout: 500,
    commandTimeout: 500,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  let lastError: Error | undefined;
  probe.on("error", (error: Error) => {
    lastError = error;
  });
  try {
    await probe.connect();
    await probe.ping();
    return undefined;
  } catch (error) {
    const reason = `${label}: skipped, no Redis at ${SHARED_REDIS_URL} (${(lastError ?? (error as Error)).message})`;
    console.warn(reason);
    return reason;
  } finally {
    probe.disconnect();
  }
}

/** A random key prefix for one test file. */
export function testPrefix(file: string): string {
  return `sec0-test:${file}:${randomUUID()}:`;
}

/** Deletes every key under `prefix` (SCAN, never KEYS). */
export async function deleteKeys(client: Redis, prefix: string): Promise<number> {
  let cursor = "0";
  let deleted = 0;
  do {
    const [next, keys] = await client.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 1000);
    cursor = next;
    if (keys.length > 0) deleted += await client.del(...keys);
  } while (cursor !== "0");
  return deleted;
}

/** Resolves after `ms`. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
