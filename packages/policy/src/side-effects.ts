import { parseToolRef, type ToolRef } from "@sec0/core";
import { BoundedCache } from "./bounded-cache.js";

/** MCP tool annotations that bear on side effects. */
export interface ToolAnnotations {
  readonly readOnlyHint?: boolean;
  readonly destructiveHint?: boolean;
}

/** What {@link classifySideEffect} looks at. */
export interface SideEffectInput {
  readonly tool: string | ToolRef;
  readonly args?: unknown;
  /** An explicit declaration wins over everything else. */
  readonly sideEffect?: boolean;
  readonly annotations?: ToolAnnotations;
}

/** Whether a call has side effects, and which rule decided. */
export interface SideEffectClassification {
  readonly sideEffect: boolean;
  readonly source: "explicit" | "annotation" | "http-method" | "tool-name" | "default";
}

/** Verbs that make a tool name side-effecting when they appear as a whole word. */
export const WRITE_VERBS: ReadonlySet<string> = new Set([
  "write",
  "delete",
  "del",
  "remove",
  "rm",
  "update",
  "create",
  "put",
  "post",
  "patch",
  "insert",
  "upsert",
  "send",
  "upload",
  "move",
  "mv",
  "rename",
  "mkdir",
  "rmdir",
  "drop",
  "exec",
  "execute",
  "truncate",
  "set",
  "add",
  "append",
  "modify",
  "edit",
  "replace",
  "purge",
  "destroy",
  "kill",
  "deploy",
  "publish",
  "submit",
  "commit",
  "push",
  "transfer",
  "pay",
  "charge",
  "refund",
  "cancel",
  "unlink",
  "chmod",
  "chown",
  "overwrite",
  "save",
  "install",
  "uninstall",
  "reset",
  "revoke",
  "grant",
  "merge",
  "spawn",
  "shell",
  "terminate",
]); // prettier-ignore

const namesWrite = new BoundedCache<boolean>(4096);
const READ_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const HTTP_METHODS = new Set([...READ_METHODS, "POST", "PUT", "PATCH", "DELETE", "CONNECT", "TRACE"]);

/**
 * Classifies a call as side-effecting. Order: explicit `sideEffect`; MCP annotations
 * (`destructiveHint: true` or `readOnlyHint: false` → write, `readOnlyHint: true` → read); an
 * HTTP `method` argument (anything but GET/HEAD/OPTIONS → write); whole-word verbs in the tool
 * name split on `_ - . /`, spaces and camelCase. `computer` is not a write (0.2.3 matched `put`
 * inside it).
 *
 * @example
 * classifySideEffect({ tool: "mcp://files/writeFile@1" }).sideEffect; // true
 */
export function classifySideEffect(input: SideEffectInput): SideEffectClassification {
  if (typeof input.sideEffect === "boolean") return { sideEffect: input.sideEffect, source: "explicit" };
  const hints = input.annotations;
  if (hints?.destructiveHint === true || hints?.readOnlyHint === false)
    return { sideEffect: true, source: "annotation" };
  if (hints?.readOnlyHint === true) return { sideEffect: false, source: "annotation" };
  const method = methodOf(input.args);
  if (method !== undefined) return { sideEffect: !READ_METHODS.has(method), source: "http-method" };
  const name = typeof input.tool === "string" ? safeToolName(input.tool) : input.tool.tool;
  if (namesWrite.getOrCompute(name, () => toolNameWords(name).some((word) => WRITE_VERBS.has(word)))) {
    return { sideEffect: true, source: "tool-name" };
  }
  return { sideEffect: false, source: "default" };
}

/** Lower-case words of a tool name: `writeFile` → `write file`, `fs.delete_dir` → `fs delete dir`. */
export function toolNameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 0);
}

function methodOf(args: unknown): string | undefined {
  if (args === null || typeof args !== "object") return undefined;
  const method = (args as { method?: unknown }).method;
  if (typeof method !== "string") return undefined;
  const upper = method.toUpperCase();
  return HTTP_METHODS.has(upper) ? upper : undefined;
}

function safeToolName(text: string): string {
  try {
    return parseToolRef(text).tool;
  } catch {
    return text;
  }
}
