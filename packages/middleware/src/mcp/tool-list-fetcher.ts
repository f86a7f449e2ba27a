import type { JSONRPCMessage } from "@modelcontextprotocol/sdk/types.js";
import { asRecord } from "./json-rpc.js";
import type { PendingRequests } from "./pending-requests.js";
import { type ToolCatalog, toToolDefinition } from "./tool-catalog.js";

/** Fills a {@link ToolCatalog} by asking the server for `tools/list` itself. */
export interface ToolListFetcher {
  /** Lists every page into the catalog; never throws (a failure leaves the catalog as it was). */
  fetch(): Promise<void>;
}

/** Pages followed at most per fetch (a bound against a server whose cursor never ends). */
export const MAX_TOOL_LIST_PAGES = 50;

/**
 * Creates the fetcher used when a client calls a tool it never listed: the call is governed with
 * the tool's real definition (and declared version), so skipping `tools/list` cannot dodge version
 * pinning. Concurrent fetches share one run.
 *
 * @example
 * const fetcher = createToolListFetcher({ pending, catalog, sendToServer, timeoutMs: 10_000 });
 * await fetcher.fetch();
 */
export function createToolListFetcher(options: {
  readonly pending: PendingRequests;
  readonly catalog: ToolCatalog;
  readonly sendToServer: (message: JSONRPCMessage) => Promise<void> | void;
  readonly timeoutMs: number;
}): ToolListFetcher {
  let sequence = 0;
  let running: Promise<void> | undefined;
  const listPages = async (): Promise<void> => {
    let cursor: string | undefined;
    for (let page = 0; page < MAX_TOOL_LIST_PAGES; page += 1) {
      sequence += 1;
      const id = `sec0:tools/list:${sequence}`;
      const answer = options.pending.wait(id, { timeoutMs: options.timeoutMs });
      const params = cursor === undefined ? {} : { params: { cursor } };
      try {
        await options.sendToServer({ jsonrpc: "2.0", id, method: "tools/list", ...params });
      } catch (error) {
        options.pending.reject(id, error instanceof Error ? error : new Error(String(error)));
      }
      const result = asRecord(await answer);
      const tools = Array.isArray(result?.tools) ? result.tools : [];
      options.catalog.remember(tools.flatMap((tool) => toToolDefinition(tool) ?? []));
      cursor = typeof result?.nextCursor === "string" ? result.nextCursor : undefined;
      if (cursor === undefined) return;
    }
  };
  return {
    fetch() {
      running ??= listPages()
        .catch(() => undefined)
        .finally(() => {
          running = undefined;
        });
      return running;
    },
  };
}
