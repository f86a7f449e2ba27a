import type { TransportSendOptions } from "@modelcontextprotocol/sdk/shared/transport.js";
import type { JSONRPCMessage } from "@modelcontextprotocol/sdk/types.js";
import type { ToolGovernor } from "@sec0/guard";
import type { BoundaryRecorder } from "./boundary-recorder.js";
import type { InFlightRequests } from "./in-flight-requests.js";
import type { PendingRequests } from "./pending-requests.js";
import type { ProgressTracker } from "./progress-tracker.js";
import type { ServerIdentityState } from "./server-identity.js";
import type { ToolCatalog } from "./tool-catalog.js";

/** What routing a server message needs of its connection. */
export interface ServerMessageRoutes {
  readonly pending: PendingRequests;
  readonly catalog: ToolCatalog;
  readonly progress: ProgressTracker;
  /** The client's requests forwarded to the server and not answered yet (governed calls included). */
  readonly clientRequests: InFlightRequests;
  /** The server's requests relayed to the client and not answered yet. */
  readonly serverRequests: InFlightRequests;
  readonly recorder: BoundaryRecorder;
  readonly identity: ServerIdentityState;
  readonly governor: ToolGovernor;
  report(error: unknown): void;
  readonly options: {
    sendToClient(message: JSONRPCMessage, options?: TransportSendOptions): Promise<void> | void;
    sendToServer(message: JSONRPCMessage): Promise<void> | void;
  };
}
