import {
  AGENT_STATE_VERSION,
  type AgentStatePayload,
  invalidState,
  normalizeAgentStatePayload,
} from "./agent-state.js";
import { Sec0Error } from "./errors.js";

export const NODE_ID_HEADER = "x-node-id";
export const AGENT_REF_HEADER = "x-agent-ref";
export const AGENT_PARENT_REF_HEADER = "x-agent-parent-ref";
export const AGENT_STATE_HEADER = "x-agent-state";

/**
 * Largest accepted `x-agent-state` value, in characters of its base64url text (8 KiB). Node's
 * default limit for all request headers together is 16 KiB, so a larger state would be cut or
 * refused by the next hop; put bulky data in the tool arguments instead.
 */
export const MAX_AGENT_STATE_HEADER_BYTES = 8192;

/** Header map accepted by the extractors: Node's `IncomingHttpHeaders`, a `Headers`, or a record. */
export type HeaderSource =
  | { get(name: string): string | null }
  | Readonly<Record<string, string | readonly string[] | undefined>>;

export interface AgentStateHeaders {
  [NODE_ID_HEADER]: string;
  [AGENT_REF_HEADER]?: string;
  [AGENT_PARENT_REF_HEADER]?: string;
  [AGENT_STATE_HEADER]: string;
}

/**
 * Encodes agent state as the four headers of sec0-sdk 0.2.3: `x-agent-state` is base64url (no
 * padding) of `{version, nodeId, runId?, parentRef?, variables?, metadata?}` in that key order.
 * @throws {Sec0Error} `CORE_AGENT_STATE_INVALID`, or `CORE_AGENT_STATE_TOO_LARGE` beyond
 * {@link MAX_AGENT_STATE_HEADER_BYTES}.
 */
export function encodeAgentStateHeaders(input: AgentStatePayload): AgentStateHeaders {
  const payload = normalizeAgentStatePayload(input);
  const body = {
    version: AGENT_STATE_VERSION,
    nodeId: payload.nodeId,
    ...(payload.runId === undefined ? {} : { runId: payload.runId }),
    ...(payload.parentRef === undefined ? {} : { parentRef: payload.parentRef }),
    ...(payload.variables === undefined ? {} : { variables: payload.variables }),
    ...(payload.metadata === undefined ? {} : { metadata: payload.metadata }),
  };
  const encoded = Buffer.from(JSON.stringify(body), "utf8").toString("base64url");
  assertSize(encoded);
  const headers: AgentStateHeaders = { [NODE_ID_HEADER]: payload.nodeId, [AGENT_STATE_HEADER]: encoded };
  if (payload.runId !== undefined) headers[AGENT_REF_HEADER] = payload.runId;
  if (payload.parentRef !== undefined) headers[AGENT_PARENT_REF_HEADER] = payload.parentRef;
  return headers;
}

/**
 * Decodes an `x-agent-state` value.
 * @throws {Sec0Error} `CORE_AGENT_STATE_TOO_LARGE`, or `CORE_AGENT_STATE_INVALID` for text that
 * is not base64url JSON of a version-1 state.
 */
export function decodeAgentStateHeader(value: string): AgentStatePayload {
  assertSize(value);
  if (!/^[A-Za-z0-9_-]*$/.test(value)) throw invalidState("x-agent-state is not base64url text");
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
  } catch (error) {
    throw invalidState("x-agent-state does not decode to JSON", error);
  }
  if (typeof decoded !== "object" || decoded === null || Array.isArray(decoded)) {
    throw invalidState("x-agent-state must decode to an object");
  }
  const { version, ...rest } = decoded as Record<string, unknown>;
  if (version !== AGENT_STATE_VERSION) {
    throw invalidState(
      `unsupported x-agent-state version ${String(version)}; expected ${AGENT_STATE_VERSION}`,
    );
  }
  return normalizeAgentStatePayload(rest);
}

/**
 * Reads agent state from request headers (names case-insensitive; the first value of a list).
 * Returns `undefined` when no `x-node-id` is present (headers are optional for callers,
 * docs/principles.md, principle 5); when present they are validated as 0.2.3 does: an encoded state must name the same
 * node, and its run and parent refs must match the plain headers.
 * @throws {Sec0Error} `CORE_AGENT_STATE_INVALID` or `CORE_AGENT_STATE_TOO_LARGE`.
 */
export function extractAgentStateFromHeaders(headers: HeaderSource): AgentStatePayload | undefined {
  const nodeHeader = readHeader(headers, NODE_ID_HEADER);
  const runHeader = readHeader(headers, AGENT_REF_HEADER);
  const parentHeader = readHeader(headers, AGENT_PARENT_REF_HEADER);
  const stateHeader = readHeader(headers, AGENT_STATE_HEADER);
  if (nodeHeader === undefined) {
    if (stateHeader !== undefined || runHeader !== undefined)
      throw invalidState("x-node-id header is required");
    return undefined;
  }
  const plain = normalizeAgentStatePayload({
    nodeId: nodeHeader,
    ...(runHeader === undefined ? {} : { runId: runHeader }),
    ...(parentHeader === undefined ? {} : { parentRef: parentHeader }),
  });
  if (stateHeader === undefined) return plain;
  const state = decodeAgentStateHeader(stateHeader);
  if (state.nodeId !== plain.nodeId) {
    throw invalidState(`x-agent-state nodeId "${state.nodeId}" does not match x-node-id "${plain.nodeId}"`);
  }
  if (state.runId !== undefined && state.runId !== plain.runId) {
    throw invalidState("x-agent-state runId does not match x-agent-ref");
  }
  if (state.parentRef !== undefined && state.parentRef !== plain.parentRef) {
    throw invalidState("x-agent-state parentRef does not match x-agent-parent-ref");
  }
  return { ...state, ...(plain.runId === undefined ? {} : { runId: plain.runId }), ...parentOf(plain) };
}

function parentOf(payload: AgentStatePayload): Partial<AgentStatePayload> {
  return payload.parentRef === undefined ? {} : { parentRef: payload.parentRef };
}

/** Reads one header value, case-insensitively, taking the first element of a list. */
export function readHeader(headers: HeaderSource, name: string): string | undefined {
  if (typeof (headers as { get?: unknown }).get === "function") {
    const value = (headers as { get(name: string): string | null }).get(name);
    return value === null || value.length === 0 ? undefined : value;
  }
  const record = headers as Readonly<Record<string, string | readonly string[] | undefined>>;
  let value = record[name];
  if (value === undefined) {
    const key = Object.keys(record).find((candidate) => candidate.toLowerCase() === name);
    value = key === undefined ? undefined : record[key];
  }
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === "string" && first.length > 0 ? first : undefined;
}

function assertSize(encoded: string): void {
  if (encoded.length > MAX_AGENT_STATE_HEADER_BYTES) {
    throw new Sec0Error(
      "CORE_AGENT_STATE_TOO_LARGE",
      `[sec0-agent-state] x-agent-state is ${encoded.length} bytes; the limit is ${MAX_AGENT_STATE_HEADER_BYTES}. Move large values out of agent variables and metadata.`,
      { details: { size: encoded.length, limit: MAX_AGENT_STATE_HEADER_BYTES } },
    );
  }
}
