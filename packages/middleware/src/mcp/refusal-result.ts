import type { Refusal } from "@sec0/guard";
import { refusalText } from "@sec0/guard";

/** The `_meta` key under which a refused call's {@link Refusal} travels to the client. */
export const REFUSAL_META_KEY = "sec0/refusal";

/** An MCP `CallToolResult` that reports a refusal as a tool error. */
export interface RefusalToolResult {
  readonly content: readonly [{ readonly type: "text"; readonly text: string }];
  readonly isError: true;
  readonly _meta: { readonly [REFUSAL_META_KEY]: Refusal };
  readonly [key: string]: unknown;
}

/**
 * The tool error an MCP client sees for a refused call: the reason code and the human sentence,
 * the escalation id and retry delay when there are some, and the refusal itself under
 * `_meta["sec0/refusal"]`. Clients see a failed tool, never a crashed server.
 *
 * @example
 * refusalToolResult({ reason: "tool_not_in_allowlist", message: "Not allowed.", decision: "deny", reasons: [] });
 * // content[0].text === "tool_not_in_allowlist: Not allowed."
 */
export function refusalToolResult(refusal: Refusal): RefusalToolResult {
  return {
    content: [{ type: "text", text: refusalText(refusal) }],
    isError: true,
    _meta: { [REFUSAL_META_KEY]: refusal },
  };
}

/**
 * The refusal for a call sec0 could not evaluate (the governor threw, or the server is not yet
 * identified): fail closed with `evaluation_error`.
 *
 * @example
 * evaluationErrorRefusal("The MCP server has not identified itself.");
 */
export function evaluationErrorRefusal(message: string): Refusal {
  return { reason: "evaluation_error", message, decision: "deny", reasons: ["evaluation_error"] };
}
