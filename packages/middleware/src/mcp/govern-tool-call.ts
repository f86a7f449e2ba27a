import type { JSONRPCMessage, JSONRPCRequest, MessageExtraInfo } from "@modelcontextprotocol/sdk/types.js";
import { Sec0Error } from "@sec0/core";
import type { GovernedCall, ServerIdentity, ToolGovernor } from "@sec0/guard";
import { declaredToolVersion } from "@sec0/guard";
import { asRecord, paramsOf } from "./json-rpc.js";
import { type JsonRpcErrorObject, jsonRpcErrorOf, type PendingRequests } from "./pending-requests.js";
import { evaluationErrorRefusal, refusalToolResult } from "./refusal-result.js";
import type { ToolCatalog } from "./tool-catalog.js";
import type { ToolListFetcher } from "./tool-list-fetcher.js";

/** What governing one `tools/call` needs from its connection. */
export interface ToolCallContext {
  readonly governor: ToolGovernor;
  /** The server's identity, waiting (bounded) for an `initialize` answer still on its way. */
  resolveServer(): Promise<ServerIdentity | undefined>;
  readonly catalog: ToolCatalog;
  readonly fetcher: ToolListFetcher;
  readonly pending: PendingRequests;
  sendToServer(message: JSONRPCMessage, extra?: MessageExtraInfo): Promise<void> | void;
  /** True once the client cancelled the call or the connection closed: nothing more may run. */
  isStopped(): boolean;
  report(error: unknown): void;
}

/** The answer the client gets: a result (the governed one, or a refusal tool error) or a JSON-RPC error. */
export type ToolCallAnswer = { readonly result: unknown } | { readonly error: JsonRpcErrorObject };

/**
 * Governs one `tools/call` request: builds the {@link GovernedCall} (fetching the tool's definition
 * when the client never listed it), runs `governor.govern` with an `execute` that forwards the call
 * (same id, checked arguments) and waits for the server's answer, and turns the outcome into the
 * client's answer. A governor failure fails closed with `evaluation_error`; a JSON-RPC error of the
 * server is relayed as it was.
 *
 * @example
 * const answer = await governToolCall(context, request, extra);
 */
export async function governToolCall(
  context: ToolCallContext,
  request: JSONRPCRequest,
  extra: MessageExtraInfo | undefined,
): Promise<ToolCallAnswer> {
  const params = paramsOf(request);
  if (typeof params.name !== "string") {
    return { error: { code: -32602, message: "Invalid params: tools/call needs a string `name`." } };
  }
  const { catalog } = context;
  const server = await context.resolveServer();
  if (server === undefined) {
    return refused("The MCP server has not identified itself (no initialize answer yet); call refused.");
  }
  if (catalog.get(params.name) === undefined) await context.fetcher.fetch();
  const definition = catalog.get(params.name);
  const call: GovernedCall = {
    server,
    tool: params.name,
    version: declaredToolVersion(definition),
    args: asRecord(params.arguments) ?? {},
    meta: asRecord(params._meta),
    headers: extra?.requestInfo?.headers,
    definition,
  };
  let upstream: JsonRpcErrorObject | undefined;
  const execute = async (args: Readonly<Record<string, unknown>>): Promise<unknown> => {
    try {
      return await forward(context, request, { ...params, arguments: { ...args } }, extra);
    } catch (error) {
      upstream = jsonRpcErrorOf(error) ?? upstream;
      throw error;
    }
  };
  try {
    const outcome = await context.governor.govern(call, execute);
    return { result: outcome.status === "ok" ? outcome.result : refusalToolResult(outcome.refusal) };
  } catch (error) {
    // The server's JSON-RPC error reaches the client as it was; anything else is a governor bug.
    if (upstream !== undefined) return { error: upstream };
    // A call the client cancelled (or whose connection closed) is nobody's bug.
    if (!context.isStopped()) context.report(error);
    return refused("sec0 could not evaluate this call, so it was not run (fail closed).");
  }
}

async function forward(
  context: ToolCallContext,
  request: JSONRPCRequest,
  params: Record<string, unknown>,
  extra: MessageExtraInfo | undefined,
): Promise<unknown> {
  if (context.isStopped()) {
    throw new Sec0Error("MIDDLEWARE_MCP_CALL_CANCELLED", "The client cancelled the call; it was not run.");
  }
  // Never forward a call whose id already waits for an answer: the server would run it, and its
  // answer could not be told from the other one's.
  if (context.pending.has(request.id)) {
    throw new Sec0Error(
      "MIDDLEWARE_MCP_REQUEST_DUPLICATE",
      `Request ${String(request.id)} is already in flight; it was not run.`,
    );
  }
  const answer = context.pending.wait(request.id);
  try {
    await context.sendToServer({ ...request, params }, extra);
  } catch (error) {
    context.pending.reject(request.id, error instanceof Error ? error : new Error(String(error)));
  }
  return answer;
}

function refused(message: string): ToolCallAnswer {
  return { result: refusalToolResult(evaluationErrorRefusal(message)) };
}
