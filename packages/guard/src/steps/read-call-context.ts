import {
  AGENT_PARENT_REF_HEADER,
  AGENT_REF_HEADER,
  AGENT_STATE_HEADER,
  type HeaderSource,
  NODE_ID_HEADER,
  readHeader,
} from "@sec0/core";
import {
  APPROVAL_TOKEN_ALIAS_HEADER,
  APPROVAL_TOKEN_ARG_KEYS,
  APPROVAL_TOKEN_HEADER,
} from "@sec0/core/contracts";

/**
 * Argument keys that 0.2.3 merged into the contextual evaluator's input. A caller could use them
 * to tell the evaluator "this is fine": sec0 strips them and never reads them.
 */
export const EVALUATOR_CONTEXT_ARG_KEYS = ["__sec0_contextual", "sec0_contextual"] as const;

const META_HEADER_KEYS = [NODE_ID_HEADER, AGENT_REF_HEADER, AGENT_PARENT_REF_HEADER, AGENT_STATE_HEADER];

/** What the pipeline reads from a call besides the tool and its arguments. */
export interface CallContext {
  /** Arguments with approval-token and evaluator-context keys removed: what the handler sees. */
  readonly args: Record<string, unknown>;
  readonly approvalToken?: string;
  /** True when the caller tried to pass evaluator context through the arguments (ignored). */
  readonly evaluatorContextInjected: boolean;
  /** Headers merged with agent-state and approval keys carried in MCP `_meta` (stdio has no headers). */
  readonly headers: HeaderSource;
}

/**
 * Splits a call's control data from its arguments. Headers win over `_meta`; `_meta` may carry the
 * agent-state header names and `sec0/approval_token`, for transports without HTTP headers.
 */
export function readCallContext(
  args: Readonly<Record<string, unknown>>,
  headers: HeaderSource | undefined,
  meta: Readonly<Record<string, unknown>> | undefined,
): CallContext {
  const scrubbed: Record<string, unknown> = { ...args };
  let argToken: string | undefined;
  for (const key of APPROVAL_TOKEN_ARG_KEYS) {
    if (!Object.hasOwn(scrubbed, key)) continue;
    if (typeof scrubbed[key] === "string" && argToken === undefined) argToken = scrubbed[key] as string;
    delete scrubbed[key];
  }
  let evaluatorContextInjected = false;
  for (const key of EVALUATOR_CONTEXT_ARG_KEYS) {
    if (Object.hasOwn(scrubbed, key)) {
      evaluatorContextInjected = true;
      delete scrubbed[key];
    }
  }
  const merged = mergeHeaders(headers, meta);
  const approvalToken =
    readHeader(merged, APPROVAL_TOKEN_HEADER) ??
    readHeader(merged, APPROVAL_TOKEN_ALIAS_HEADER) ??
    stringOf(meta?.["sec0/approval_token"]) ??
    argToken;
  return {
    args: scrubbed,
    ...(approvalToken === undefined ? {} : { approvalToken }),
    evaluatorContextInjected,
    headers: merged,
  };
}

function mergeHeaders(
  headers: HeaderSource | undefined,
  meta: Readonly<Record<string, unknown>> | undefined,
): Record<string, string> {
  const merged: Record<string, string> = {};
  for (const key of META_HEADER_KEYS) {
    const value = stringOf(meta?.[key]);
    if (value !== undefined) merged[key] = value;
  }
  if (headers !== undefined) {
    if (
      typeof (headers as Headers).forEach === "function" &&
      typeof (headers as Headers).get === "function"
    ) {
      (headers as Headers).forEach((value, key) => {
        merged[key.toLowerCase()] = value;
      });
    } else {
      for (const [key, value] of Object.entries(
        headers as Record<string, string | readonly string[] | undefined>,
      )) {
        const first = Array.isArray(value) ? value[0] : value;
        if (typeof first === "string") merged[key.toLowerCase()] = first;
      }
    }
  }
  return merged;
}

function stringOf(value: unknown): string | undefined {
  return typeof value === "string" && value.length > 0 ? value : undefined;
}
