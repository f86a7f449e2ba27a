import type { TransportSendOptions } from "@modelcontextprotocol/sdk/shared/transport.js";
import type { JSONRPCMessage } from "@modelcontextprotocol/sdk/types.js";
import type { ToolGovernor } from "@sec0/guard";
import { filterToolListAnswer } from "./filter-tool-list-answer.js";
import { idKey, isNotification, isRequest, isResultResponse, paramsOf } from "./json-rpc.js";
import type { PendingRequests } from "./pending-requests.js";
import type { ProgressTracker } from "./progress-tracker.js";
import type { ServerIdentityState } from "./server-identity.js";
import type { ToolCatalog } from "./tool-catalog.js";

/** What routing a server message needs of its connection. */
export interface ServerMessageRoutes {
  readonly pending: PendingRequests;
  readonly catalog: ToolCatalog;
  readonly progress: ProgressTracker;
  readonly initializeIds: Set<string>;
  readonly listIds: Set<string>;
  readonly identity: ServerIdentityState;
  readonly governor: ToolGovernor;
  report(error: unknown): void;
  readonly options: {
    sendToClient(message: JSONRPCMessage, options?: TransportSendOptions): Promise<void> | void;
  };
}

/**
 * Routes one message from the server: answers to the interceptor's own requests are consumed,
 * `initialize` answers give the server identity, `tools/list` answers are filtered by the policy,
 * progress notifications keep their request, and everything else goes to the client unchanged.
 */
export async function routeServerMessage(
  connection: ServerMessageRoutes,
  message: JSONRPCMessage,
  sendOptions?: TransportSendOptions,
): Promise<void> {
  const { pending, catalog, progress, initializeIds, listIds, identity, governor, report, options } =
    connection;
  if (pending.settle(message)) return;
  if (isNotification(message)) {
    if (message.method === "notifications/tools/list_changed") catalog.clear();
    const related =
      message.method === "notifications/progress"
        ? progress.requestOf(paramsOf(message).progressToken)
        : undefined;
    if (related !== undefined && sendOptions?.relatedRequestId === undefined) {
      return options.sendToClient(message, { ...sendOptions, relatedRequestId: related });
    }
    return options.sendToClient(message, sendOptions);
  }
  if (!isRequest(message) && "id" in message && message.id !== undefined) {
    const key = idKey(message.id);
    progress.forget(message.id);
    if (initializeIds.delete(key)) {
      identity.answered(isResultResponse(message) ? message.result : undefined);
    }
    if (listIds.delete(key) && isResultResponse(message)) {
      return options.sendToClient(
        await filterToolListAnswer(governor, catalog, identity.current, message, report),
        sendOptions,
      );
    }
  }
  return options.sendToClient(message, sendOptions);
}
