import { Sec0Error } from "./errors.js";

/** Version written into every encoded agent state. */
export const AGENT_STATE_VERSION = 1;

/** Scopes of agent variables. `LLM` is accepted as an alias of `ORCHESTRATOR`. */
export type AgentVariableScope = "AGENT" | "GATEWAY" | "SERVER" | "TOOL" | "ORCHESTRATOR";

export type AgentStateVariables = Partial<Record<AgentVariableScope, Record<string, unknown>>>;

/** The state an agent carries across hops (wire-compatible with sec0-sdk 0.2.3). */
export interface AgentStatePayload {
  nodeId: string;
  runId?: string;
  parentRef?: string;
  variables?: AgentStateVariables;
  metadata?: Record<string, unknown>;
}

const SCOPES: ReadonlySet<string> = new Set(["AGENT", "GATEWAY", "SERVER", "TOOL", "ORCHESTRATOR"]);
const MAX_NODE_ID = 80;
const MAX_RUN_REF = 120;

/**
 * Normalises a node id: lower-case, only `[a-z0-9-]`, runs of `-` collapsed, trimmed, at most
 * 80 characters.
 * @throws {Sec0Error} `CORE_AGENT_STATE_INVALID` when nothing is left.
 */
export function normalizeNodeId(value: string): string {
  const normalized = value
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/-+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, MAX_NODE_ID)
    .replace(/-+$/g, "");
  if (normalized.length === 0) throw invalidState(`nodeId "${value}" is empty after normalisation`);
  return normalized;
}

/**
 * Normalises a run reference: characters outside `[A-Za-z0-9._:-]` become `_`, at most 120
 * characters.
 * @throws {Sec0Error} `CORE_AGENT_STATE_INVALID` when the reference is empty.
 */
export function normalizeRunRef(value: string, field = "runId"): string {
  const normalized = value
    .trim()
    .replace(/[^A-Za-z0-9._:-]/g, "_")
    .slice(0, MAX_RUN_REF);
  if (normalized.length === 0) throw invalidState(`${field} is empty`);
  return normalized;
}

/**
 * Validates and normalises an agent-state payload. `ref` is accepted as a legacy alias of
 * `runId`; variables and metadata are JSON-cloned.
 * @throws {Sec0Error} `CORE_AGENT_STATE_INVALID` for a missing node id, a key present with a
 * null value, an unknown variable scope or a value that is not JSON.
 */
export function normalizeAgentStatePayload(input: unknown): AgentStatePayload {
  if (!isPlainObject(input)) throw invalidState("payload must be an object");
  const source = input as Record<string, unknown>;
  if (typeof source.nodeId !== "string") throw invalidState("nodeId is required and must be a string");
  const payload: AgentStatePayload = { nodeId: normalizeNodeId(source.nodeId) };
  const runId = pickOptionalString(source, "runId") ?? pickOptionalString(source, "ref");
  if (runId !== undefined) payload.runId = normalizeRunRef(runId);
  const parentRef = pickOptionalString(source, "parentRef");
  if (parentRef !== undefined) payload.parentRef = normalizeRunRef(parentRef, "parentRef");
  if (Object.hasOwn(source, "variables") && source.variables !== undefined) {
    payload.variables = normalizeVariables(source.variables);
  }
  if (Object.hasOwn(source, "metadata")) {
    if (!isPlainObject(source.metadata)) throw invalidState("metadata must be an object when present");
    payload.metadata = cloneJson(source.metadata, "metadata") as Record<string, unknown>;
  }
  return payload;
}

/**
 * Returns the payload's run id.
 * @throws {Sec0Error} `CORE_AGENT_STATE_INVALID` when it has none (there is no fallback).
 */
export function ensureRunId(payload: AgentStatePayload): string {
  if (payload.runId === undefined || payload.runId.length === 0) {
    throw invalidState("runId is required here; pass agent.runId (no fallback is generated)");
  }
  return payload.runId;
}

/** Shallow-merges `additions` into one scope of the variables, returning new variables. */
export function mergeAgentVariables(
  base: AgentStateVariables | undefined,
  scope: AgentVariableScope | "LLM",
  additions: Record<string, unknown>,
): AgentStateVariables {
  const key = resolveScope(scope);
  return { ...base, [key]: { ...base?.[key], ...(cloneJson(additions, `variables.${key}`) as object) } };
}

function normalizeVariables(value: unknown): AgentStateVariables {
  if (!isPlainObject(value)) throw invalidState("variables must be an object of scopes");
  const result: AgentStateVariables = {};
  for (const [scope, entries] of Object.entries(value as Record<string, unknown>)) {
    if (entries === undefined) continue;
    const key = resolveScope(scope);
    if (!isPlainObject(entries)) throw invalidState(`variables.${scope} must be an object`);
    result[key] = { ...result[key], ...(cloneJson(entries, `variables.${scope}`) as object) };
  }
  return result;
}

function resolveScope(scope: string): AgentVariableScope {
  const upper = scope.toUpperCase();
  const resolved = upper === "LLM" ? "ORCHESTRATOR" : upper;
  if (!SCOPES.has(resolved)) {
    throw invalidState(`unknown variable scope "${scope}"; use AGENT, GATEWAY, SERVER, TOOL or ORCHESTRATOR`);
  }
  return resolved as AgentVariableScope;
}

function pickOptionalString(source: Record<string, unknown>, key: string): string | undefined {
  if (!Object.hasOwn(source, key)) return undefined;
  const value = source[key];
  if (typeof value !== "string")
    throw invalidState(`${key} must be a string when present (got ${typeOf(value)})`);
  return value;
}

function cloneJson(value: unknown, field: string): unknown {
  try {
    const text = JSON.stringify(value);
    if (text === undefined) throw new Error("not serialisable");
    return JSON.parse(text);
  } catch (error) {
    throw invalidState(`${field} must be JSON-serialisable`, error);
  }
}

function isPlainObject(value: unknown): boolean {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function typeOf(value: unknown): string {
  return value === null ? "null" : typeof value;
}

/** Builds the agent-state error; messages keep 0.2.3's `[sec0-agent-state]` prefix. */
export function invalidState(why: string, cause?: unknown): Sec0Error {
  return new Sec0Error("CORE_AGENT_STATE_INVALID", `[sec0-agent-state] ${why}.`, {
    ...(cause === undefined ? {} : { cause }),
  });
}
