import type { RequestId } from "@modelcontextprotocol/sdk/types.js";
import { idKey } from "./json-rpc.js";

/**
 * Which client request a progress token belongs to, so that a server's `notifications/progress`
 * can be sent on that request's stream (Streamable HTTP) even when the server (a child process
 * over stdio) cannot say so itself.
 */
export interface ProgressTracker {
  /** Remembers `token` (from the request's `params._meta.progressToken`) for request `id`. */
  remember(id: RequestId, token: unknown): void;
  /** The request a token belongs to, if it is still open. */
  requestOf(token: unknown): RequestId | undefined;
  /** The request was answered. */
  forget(id: RequestId): void;
}

const MAX_TRACKED_TOKENS = 10_000;

/**
 * Creates an empty {@link ProgressTracker} (bounded to 10000 open requests).
 *
 * @example
 * const progress = createProgressTracker();
 * progress.remember(3, "tok-1");
 * progress.requestOf("tok-1"); // 3
 */
export function createProgressTracker(): ProgressTracker {
  const requests = new Map<string | number, RequestId>();
  const tokens = new Map<string, string | number>();
  return {
    remember(id, token) {
      if (typeof token !== "string" && typeof token !== "number") return;
      if (requests.size >= MAX_TRACKED_TOKENS) return;
      requests.set(token, id);
      tokens.set(idKey(id), token);
    },
    requestOf(token) {
      return typeof token === "string" || typeof token === "number" ? requests.get(token) : undefined;
    },
    forget(id) {
      const key = idKey(id);
      const token = tokens.get(key);
      if (token === undefined) return;
      tokens.delete(key);
      requests.delete(token);
    },
  };
}
