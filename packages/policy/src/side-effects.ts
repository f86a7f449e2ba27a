import { parseToolRef, type ToolRef } from "@sec0/core";
import { BoundedCache } from "./bounded-cache.js";

/**
 * MCP tool annotations that bear on side effects. They come from the tool's server and are hints:
 * only a boolean counts, and none of them lowers a tool whose name says it writes.
 */
export interface ToolAnnotations {
  readonly readOnlyHint?: boolean;
  readonly destructiveHint?: boolean;
  /** Repeating the call has no further effect. Still a write: a key is still required. */
  readonly idempotentHint?: boolean;
}

/** What {@link classifySideEffect} looks at. */
export interface SideEffectInput {
  readonly tool: string | ToolRef;
  /** The caller's arguments: an HTTP `method` other than GET/HEAD/OPTIONS can only raise the class. */
  readonly args?: unknown;
  /** The class the policy gives the tool (`side_effects.tools`): wins over everything else. */
  readonly policyClass?: "read" | "write";
  /** A declaration by the surface's own code (never by the caller); wins over the tool's signals. */
  readonly sideEffect?: boolean;
  /** The tool definition's annotations (from its server). */
  readonly annotations?: ToolAnnotations;
}

/** Whether a call has side effects, and which rule decided. */
export interface SideEffectClassification {
  readonly sideEffect: boolean;
  readonly source: "policy" | "explicit" | "annotation" | "http-method" | "tool-name" | "default";
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
const POLICY_READ: SideEffectClassification = Object.freeze({ sideEffect: false, source: "policy" });
const POLICY_WRITE: SideEffectClassification = Object.freeze({ sideEffect: true, source: "policy" });
const ANNOTATION_WRITE: SideEffectClassification = Object.freeze({ sideEffect: true, source: "annotation" });
const ANNOTATION_READ: SideEffectClassification = Object.freeze({ sideEffect: false, source: "annotation" });
const NAME_WRITE: SideEffectClassification = Object.freeze({ sideEffect: true, source: "tool-name" });
const METHOD_WRITE: SideEffectClassification = Object.freeze({ sideEffect: true, source: "http-method" });
const METHOD_READ: SideEffectClassification = Object.freeze({ sideEffect: false, source: "http-method" });
const DEFAULT_READ: SideEffectClassification = Object.freeze({ sideEffect: false, source: "default" });

/**
 * Classifies a call as side-effecting from what the tool is, never from what its caller says it
 * is. Order: the policy's class for the tool (`side_effects.tools`); an explicit declaration of
 * the surface; then a write if any signal says so — annotations (`destructiveHint: true`,
 * `readOnlyHint: false`), whole-word verbs in the tool name (split on `_ - . /`, spaces and
 * camelCase), or an HTTP `method` argument other than GET/HEAD/OPTIONS; else a read. The
 * arguments can only raise the class, so `delete_file` called with `method: "GET"` stays a write,
 * and `readOnlyHint: true` from a server cannot lower it either: only the policy can.
 *
 * @example
 * classifySideEffect({ tool: "mcp://files/delete_file@1", args: { method: "GET" } }).sideEffect; // true
 */
export function classifySideEffect(input: SideEffectInput): SideEffectClassification {
  if (input.policyClass !== undefined) return input.policyClass === "write" ? POLICY_WRITE : POLICY_READ;
  if (typeof input.sideEffect === "boolean") return { sideEffect: input.sideEffect, source: "explicit" };
  const readOnly = hint(input.annotations, "readOnlyHint");
  if (hint(input.annotations, "destructiveHint") === true || readOnly === false) return ANNOTATION_WRITE;
  const name = typeof input.tool === "string" ? safeToolName(input.tool) : input.tool.tool;
  if (namesWrite.getOrCompute(name, () => toolNameWords(name).some((word) => WRITE_VERBS.has(word)))) {
    return NAME_WRITE;
  }
  const method = methodOf(input.args);
  if (method !== undefined && !READ_METHODS.has(method)) return METHOD_WRITE;
  if (readOnly === true) return ANNOTATION_READ;
  return method === undefined ? DEFAULT_READ : METHOD_READ;
}

/** A boolean annotation, or `undefined` for anything else (a hostile server may send any JSON). */
function hint(annotations: unknown, name: keyof ToolAnnotations): boolean | undefined {
  if (annotations === null || typeof annotations !== "object" || Array.isArray(annotations)) return undefined;
  const value = Object.hasOwn(annotations, name) ? (annotations as Record<string, unknown>)[name] : undefined;
  return typeof value === "boolean" ? value : undefined;
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
