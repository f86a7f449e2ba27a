import type { ServerIdentity } from "@sec0/guard";
import { asRecord } from "./json-rpc.js";

/** The MCP server's identity on one connection: given up front, or read from its `initialize` answer. */
export interface ServerIdentityState {
  readonly current: ServerIdentity | undefined;
  /** An `initialize` request was forwarded: calls wait (bounded) for its answer. */
  expect(): void;
  /** The `initialize` answer arrived (its `serverInfo`, when it is a result). */
  answered(result: unknown): void;
  /** The identity, after waiting at most `waitMs` for a pending `initialize` answer. */
  resolve(): Promise<ServerIdentity | undefined>;
}

/** Tracks the server identity; a client that pipelines `tools/call` behind `initialize` waits for it. */
export function createServerIdentityState(
  initial: ServerIdentity | undefined,
  waitMs: number,
): ServerIdentityState {
  let server = initial;
  let expected = false;
  let markAnswered: () => void = () => undefined;
  const initializeAnswered = new Promise<void>((resolve) => {
    markAnswered = resolve;
  });
  return {
    get current() {
      return server;
    },
    expect() {
      expected = true;
    },
    answered(result) {
      const info = asRecord(asRecord(result)?.serverInfo);
      if (info !== undefined && typeof info.name === "string") {
        server =
          typeof info.version === "string" ? { name: info.name, version: info.version } : { name: info.name };
      }
      markAnswered();
    },
    async resolve() {
      if (server !== undefined || !expected) return server;
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([
        initializeAnswered,
        new Promise<void>((resolve) => {
          timer = setTimeout(resolve, waitMs);
          timer.unref?.();
        }),
      ]);
      clearTimeout(timer);
      return server;
    },
  };
}
