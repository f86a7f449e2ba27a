import { sha256Hex } from "@sec0/core";
import type { ToolCode } from "@sec0/guard";

type Handler = (...args: never[]) => unknown;

const codes = new WeakMap<Handler, ToolCode>();

/**
 * A handler's code identity for the SAST hook: its source (`Function.prototype.toString`) and
 * that source's SHA-256 (the handler hash). Computed once per function object.
 */
export function handlerCode(handler: Handler): ToolCode {
  let code = codes.get(handler);
  if (code === undefined) {
    // The handler hash is the SHA-256 of this source (guard's hashHandler): read the source once.
    const source = Function.prototype.toString.call(handler);
    code = { digest: sha256Hex(source), source };
    codes.set(handler, code);
  }
  return code;
}
