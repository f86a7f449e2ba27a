// A redis-server of the test's own (a free port, no persistence), to kill and freeze mid-run.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { Redis } from "ioredis";
import { freePort } from "./free-port.js";

export const REDIS_SERVER_BIN = process.env.SEC0_TEST_REDIS_SERVER ?? "/usr/bin/redis-server";

export interface RedisChild {
  readonly port: number;
  readonly url: string;
  /** SIGSTOP: the socket stays open, nothing answers. */
  freeze(): void;
  /** SIGCONT. */
  thaw(): void;
  /** SIGCONT (when frozen) then SIGKILL; resolves when it exited. Safe to call twice. */
  kill(): Promise<void>;
}

/** Why no child can be started (printed with console.warn), or undefined. */
export function redisServerMissing(label: string): string | undefined {
  if (existsSync(REDIS_SERVER_BIN)) return undefined;
  const reason = `${label}: skipped, no redis-server binary at ${REDIS_SERVER_BIN}`;
  console.warn(reason);
  return reason;
}

/** Starts redis-server on `port` (default a free one) and waits (≤ 5 s) until it answers PING. */
export async function startRedisChild(port?: number): Promise<RedisChild> {
  const chosen = port ?? (await freePort());
  const child: ChildProcess = spawn(
    REDIS_SERVER_BIN,
    ["--port", String(chosen), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    { stdio: "ignore" },
  );
  // A safety net when the test process dies before afterAll: never leave a server behind.
  const reap = (): void => {
    child.kill("SIGCONT");
    child.kill("SIGKILL");
  };
  process.once("exit", reap);
  const exited = new Promise<void>((resolve) =>
    child.once("exit", () => {
      process.removeListener("exit", reap);
      resolve();
    }),
  );
  let frozen = false;
  const handle: RedisChild = {
    port: chosen,
    url: `redis://127.0.0.1:${chosen}`,
    freeze() {
      frozen = true;
      child.kill("SIGSTOP");
    },
    thaw() {
      frozen = false;
      child.kill("SIGCONT");
    },
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      if (frozen) handle.thaw();
      child.kill("SIGKILL");
      await exited;
    },
  };
  await waitForPong(handle.url).catch(async (error: unknown) => {
    await handle.kill();
    throw error;
  });
  return handle;
}

async function waitForPong(url: string): Promise<void> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const probe = new Redis(url, {
      lazyConnect: true,
      connectTimeout: 200,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    probe.on("error", () => undefined);
    try {
      await probe.connect();
      await probe.ping();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      probe.disconnect();
    }
  }
}
