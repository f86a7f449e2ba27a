import { canonicalize, generateSpanId, generateTraceId, Sec0Error, sha256Hex } from "@sec0/core";
import { callToolViaGateway, type GatewayCallParams } from "@sec0/guard";
import type { OpenClawAgentTool, OpenClawPluginToolContext } from "./openclaw-plugin-api.js";
import type { ResolvedGatewayTool } from "./resolve-gateway-tool.js";

/** Injected for tests: the clock of the AP2 ids and the cause ids. */
export interface GatewayToolDeps {
  readonly now?: () => number;
  readonly newCause?: () => { readonly traceId: string; readonly spanId: string };
}

/** The node id of a call whose run names no agent (0.2.3's). */
const DEFAULT_NODE_ID = "moltbot-agent";

/**
 * Builds the gateway tool for one run's context: `execute` calls `callToolViaGateway` with node id
 * `agentId` (else `moltbot-agent`), run id `sessionKey` (else the tool call id), a fresh random
 * cause, and, with `ap2Auto`, 0.2.3's unsigned JSON AP2 intent (`{jti: "intent-<ms>", constraints:
 * {tool, server, to?}}`) and cart (`{jti: "cart-<ms>", args}`) with the cart's digest as the
 * idempotency key (which the gateway requires; 0.2.3 sent a generated key that could never match).
 *
 * @throws {Sec0Error} from `execute`: `MIDDLEWARE_GATEWAY_REQUEST_INVALID` for params that are not
 *   an object or `args` that is not one, and the codes of `callToolViaGateway`.
 * @example
 * api.registerTool((ctx) => createGatewayTool(resolved, "acme", ctx), { name: resolved.name });
 */
export function createGatewayTool(
  tool: ResolvedGatewayTool,
  tenant: string,
  ctx: OpenClawPluginToolContext | undefined,
  deps: GatewayToolDeps = {},
): OpenClawAgentTool {
  const now = deps.now ?? Date.now;
  const newCause = deps.newCause ?? (() => ({ traceId: generateTraceId(), spanId: generateSpanId() }));
  const { defaults } = tool;
  return {
    name: tool.name,
    label: "sec0 gateway",
    description: tool.description,
    parameters: parametersSchema(tool),
    async execute(toolCallId, params) {
      const input = readParams(params);
      const server = input.server ?? defaults.server ?? "";
      const toolAtVersion = input.toolAtVersion ?? defaults.toolAtVersion ?? "";
      const args = input.args ?? {};
      const call: GatewayCallParams = {
        gatewayBaseUrl: defaults.gatewayBaseUrl,
        server,
        toolAtVersion,
        args,
        tenant: defaults.tenant ?? tenant,
        authHeader: defaults.authHeader,
        timeoutMs: defaults.timeoutMs,
        nodeId: nonEmpty(ctx?.agentId) ?? DEFAULT_NODE_ID,
        runId: nonEmpty(ctx?.sessionKey) ?? toolCallId,
        cause: newCause(),
        ...(tool.ap2Auto ? ap2Mandates(now(), server, toolAtVersion, args, input.to) : {}),
      };
      const reply = await callToolViaGateway(call);
      return { content: [{ type: "text", text: JSON.stringify(reply) }], details: reply };
    },
  };
}

interface GatewayToolParams {
  readonly server?: string;
  readonly toolAtVersion?: string;
  readonly args?: Record<string, unknown>;
  readonly to?: string;
}

/** The unsigned JSON mandates and the idempotency key the gateway derives from the cart. */
function ap2Mandates(
  ms: number,
  server: string,
  toolAtVersion: string,
  args: Record<string, unknown>,
  to: string | undefined,
): Pick<GatewayCallParams, "ap2" | "idempotencyKey"> {
  const intent = {
    jti: `intent-${ms}`,
    constraints: { tool: toolAtVersion, server, ...(to === undefined ? {} : { to }) },
  };
  const cart = { jti: `cart-${ms}`, args };
  return { ap2: { intent, cart }, idempotencyKey: sha256Hex(canonicalize(cart)) };
}

function readParams(params: unknown): GatewayToolParams {
  if (typeof params !== "object" || params === null || Array.isArray(params))
    throw requestInvalid("params", "the gateway tool's params must be an object");
  const given = params as Record<string, unknown>;
  for (const key of ["server", "toolAtVersion", "to"] as const) {
    if (given[key] !== undefined && typeof given[key] !== "string")
      throw requestInvalid(key, `${key} must be a string`);
  }
  const args = given.args;
  if (args !== undefined && (typeof args !== "object" || args === null || Array.isArray(args)))
    throw requestInvalid("args", "args must be an object of the target tool's arguments");
  return given as GatewayToolParams;
}

function parametersSchema(tool: ResolvedGatewayTool): Record<string, unknown> {
  const required = [
    ...(tool.defaults.server === undefined ? ["server"] : []),
    ...(tool.defaults.toolAtVersion === undefined ? ["toolAtVersion"] : []),
  ];
  return {
    type: "object",
    properties: {
      server: { type: "string", description: "The target server, as the gateway names it." },
      toolAtVersion: { type: "string", description: "The target tool and its version, e.g. write@1.0." },
      args: { type: "object", description: "The target tool's arguments." },
      to: { type: "string", description: "The recipient, when the call sends something to someone." },
    },
    required,
    additionalProperties: false,
  };
}

function requestInvalid(field: string, message: string): Sec0Error {
  return new Sec0Error("MIDDLEWARE_GATEWAY_REQUEST_INVALID", `${message}.`, { details: { field } });
}

function nonEmpty(value: string | undefined): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}
