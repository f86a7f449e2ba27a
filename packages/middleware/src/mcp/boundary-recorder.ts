import { Sec0Error } from "@sec0/core";
import type { BoundaryEvent, ServerIdentity, ToolGovernor } from "@sec0/guard";

/** What the interceptor says about one dropped message (the server and count are filled in). */
export type DroppedMessage = Omit<BoundaryEvent, "server" | "count">;

/** Leaves evidence of what the interceptor dropped, without letting a flood flood the audit log. */
export interface BoundaryRecorder {
  /** Records one dropped message (an audit record while the budget lasts, then a count). */
  drop(message: DroppedMessage): void;
  /** The connection closed: one more record per reason sums up what was only counted. */
  close(): void;
}

/** Audit records a connection writes for dropped messages before it only counts them. */
export const MAX_BOUNDARY_RECORDS = 100;

/**
 * Creates the recorder of one connection: the first {@link MAX_BOUNDARY_RECORDS} dropped messages
 * each get an audit record (`governor.recordBoundaryEvent`), the rest are counted per reason and
 * summed up in one record per reason at `close()`; the first one over budget is reported as
 * `MIDDLEWARE_MCP_MESSAGES_DROPPED`. Recording never blocks the message pump.
 *
 * @example
 * const recorder = createBoundaryRecorder({ governor, server: () => identity.current, report });
 * recorder.drop({ reason: "mcp_unsolicited_message", from: "server", method: "response", id: 7 });
 */
export function createBoundaryRecorder(options: {
  readonly governor: ToolGovernor;
  server(): ServerIdentity | undefined;
  report(error: unknown): void;
  readonly limit?: number;
}): BoundaryRecorder {
  const limit = options.limit ?? MAX_BOUNDARY_RECORDS;
  let recorded = 0;
  const counted = new Map<string, { message: DroppedMessage; count: number }>();
  const write = (event: BoundaryEvent): void => {
    options.governor.recordBoundaryEvent(event).catch(options.report);
  };
  return {
    drop(message) {
      if (recorded < limit) {
        recorded += 1;
        write({ ...message, server: options.server() });
        return;
      }
      const entry = counted.get(message.reason);
      if (entry !== undefined) {
        entry.count += 1;
        return;
      }
      if (counted.size === 0) {
        options.report(
          new Sec0Error(
            "MIDDLEWARE_MCP_MESSAGES_DROPPED",
            `More than ${limit} MCP messages were dropped on this connection; the rest are counted and recorded when it closes.`,
            { details: { limit, reason: message.reason } },
          ),
        );
      }
      counted.set(message.reason, { message, count: 1 });
    },
    close() {
      for (const { message, count } of counted.values()) {
        write({
          reason: message.reason,
          from: message.from,
          method: message.method,
          server: options.server(),
          count,
        });
      }
      counted.clear();
    },
  };
}
