import { prettyJson } from "./value-text.js";

/** What the detail shows of the call's arguments. */
export interface ArgumentsView {
  /** False when the escalation carries no `metadata.arguments`. */
  readonly present: boolean;
  /** Pretty-printed JSON; a cut JSON text prefix as is. */
  readonly text: string;
  /** True when the requester cut the arguments (`metadata.arguments_truncated`). */
  readonly truncated: boolean;
}

/**
 * The call's arguments of an escalation's metadata, as the guard put them there: already redacted
 * by the server (`[REDACTED:pii.email]`), pretty-printed; when too long the guard sent a JSON text
 * prefix with `arguments_truncated`, shown as is. A plain string (`[unreadable]`) is shown as is.
 *
 * @example
 * formatArguments({ arguments: { path: "/x" } }).text; // '{\n  "path": "/x"\n}'
 */
export function formatArguments(
  metadata: Readonly<Record<string, unknown>> | null | undefined,
): ArgumentsView {
  const truncated = metadata?.arguments_truncated === true;
  if (
    metadata === null ||
    metadata === undefined ||
    !("arguments" in metadata) ||
    metadata.arguments === undefined
  )
    return { present: false, text: "", truncated };
  const value = metadata.arguments;
  return { present: true, text: typeof value === "string" ? value : prettyJson(value), truncated };
}
