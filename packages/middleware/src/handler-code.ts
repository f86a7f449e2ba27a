import type { ToolCode } from "@sec0/guard";
import { hashHandler } from "@sec0/guard";

type Handler = (...args: never[]) => unknown;

const codes = new WeakMap<Handler, ToolCode>();

/**
 * A handler's code identity for the SAST hook: its source (`Function.prototype.toString`) and
 * that source's SHA-256 (the handler hash). Computed once per function object.
 */
export function handlerCode(handler: Handler): ToolCode {
  let code = codes.get(handler);
  if (code === undefined) {
    code = { digest: hashHandler(handler), source: Function.prototype.toString.call(handler) };
    codes.set(handler, code);
  }
  return code;
}
