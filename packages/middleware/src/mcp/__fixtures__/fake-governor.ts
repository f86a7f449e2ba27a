import type { Decision } from "@sec0/core";
import type {
  BoundaryEvent,
  ExecuteTool,
  GovernedCall,
  GovernedOutcome,
  ServerIdentity,
  ServerRequest,
  ServerRequestOutcome,
  ToolDefinition,
  ToolGovernor,
} from "@sec0/guard";

/** What the fake governor saw. */
export interface FakeGovernorLog {
  readonly calls: GovernedCall[];
  readonly lists: { server: ServerIdentity; tools: readonly ToolDefinition[] }[];
  readonly errors: unknown[];
  /** Server requests governed, in order. */
  readonly serverRequests: ServerRequest[];
  /** Boundary events recorded, in order. */
  readonly events: BoundaryEvent[];
}

/** A tiny {@link ToolGovernor} for tests: allow-list by tool name, optional output rewrite. */
export function createFakeGovernor(options: {
  readonly allow: readonly string[];
  /** Rewrites a successful result (redaction). */
  readonly rewrite?: (tool: string, result: unknown) => unknown;
  /** Replaces the arguments before execute (scrubbing). */
  readonly scrub?: (args: Readonly<Record<string, unknown>>) => Readonly<Record<string, unknown>>;
  /** Makes govern throw for this tool (a governor bug). */
  readonly throwFor?: string;
  /** Refuses a server request when it returns true (default: a params text holding "INJECT"). */
  readonly blockServerRequest?: (request: ServerRequest) => boolean;
}): ToolGovernor & FakeGovernorLog & { closed: boolean } {
  const allowed = new Set(options.allow);
  const blocks = options.blockServerRequest ?? ((request) => JSON.stringify(request.params ?? {}).includes("INJECT"));
  const log: FakeGovernorLog & { closed: boolean } = {
    calls: [],
    lists: [],
    errors: [],
    serverRequests: [],
    events: [],
    closed: false,
  };
  return Object.assign(log, {
    async govern(call: GovernedCall, execute: ExecuteTool): Promise<GovernedOutcome> {
      log.calls.push(call);
      if (call.tool === options.throwFor) throw new Error("governor bug");
      if (!allowed.has(call.tool)) {
        return {
          status: "refused",
          refusal: {
            reason: "tool_not_in_allowlist",
            message: `Tool ${call.tool} is not in the allowlist.`,
            decision: "deny",
            reasons: ["tool_not_in_allowlist"],
          },
        };
      }
      let result: unknown;
      try {
        result = await execute(options.scrub?.(call.args) ?? call.args);
      } catch (error) {
        log.errors.push(error);
        throw error;
      }
      const decision: Decision = { action: "allow", reasons: [], mode: "enforce" };
      return { status: "ok", result: options.rewrite?.(call.tool, result) ?? result, decision };
    },
    async filterToolList(server: ServerIdentity, tools: readonly ToolDefinition[]): Promise<ToolDefinition[]> {
      log.lists.push({ server, tools });
      return tools.filter((tool) => allowed.has(tool.name));
    },
    async governServerRequest(request: ServerRequest): Promise<ServerRequestOutcome> {
      log.serverRequests.push(request);
      if (!blocks(request)) return { status: "ok", decision: { action: "allow", reasons: [], mode: "enforce" } };
      return {
        status: "refused",
        refusal: {
          reason: "agent_guard_failed",
          message: "The request carries blocked content.",
          decision: "deny",
          reasons: ["agent_guard_failed"],
        },
      };
    },
    async recordBoundaryEvent(event: BoundaryEvent): Promise<void> {
      log.events.push(event);
    },
    async close(): Promise<void> {
      log.closed = true;
    },
  });
}
