import { randomUUID } from "node:crypto";
import { type HeaderSource, readHeader } from "./agent-state-headers.js";
import { IDEMPOTENCY_KEY_ALIAS_HEADER, IDEMPOTENCY_KEY_HEADER } from "./contracts/gateway-headers.js";
import { Sec0Error } from "./errors.js";
import { sha256Hex } from "./hash.js";
import { jsonText } from "./json-text.js";
import type { IdGenerator } from "./ports.js";

/** Longest accepted idempotency key, in characters. */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 512;

/** Where a call's idempotency key was found. */
export type IdempotencyKeySource = "explicit" | "meta" | "header" | "args";

/** Places {@link resolveIdempotencyKey} looks, in order of precedence. */
export interface IdempotencyKeyInput {
  /** A key passed by the caller directly (a seed-shape handler's `idempotencyKey`). */
  readonly explicit?: unknown;
  /** The MCP request's `_meta` (`idempotencyKey` or `idempotency_key`). */
  readonly meta?: Readonly<Record<string, unknown>> | undefined;
  /** Request headers (`x-idempotency-key`, else `x-idempotency`). */
  readonly headers?: HeaderSource | undefined;
  /** Tool arguments (`idempotency_key` or `idempotencyKey`). */
  readonly args?: unknown;
}

/** A resolved idempotency key and where it came from. */
export interface ResolvedIdempotencyKey {
  readonly key: string;
  readonly source: IdempotencyKeySource;
}

/**
 * Finds a call's idempotency key: explicit, then `_meta`, then the `x-idempotency-key` /
 * `x-idempotency` header, then the `idempotency_key` / `idempotencyKey` argument. Blank values are
 * skipped; `undefined` means the call carries none.
 *
 * @throws {Sec0Error} `CORE_IDEMPOTENCY_KEY_INVALID` for a present value that is not a string
 * or is longer than {@link MAX_IDEMPOTENCY_KEY_LENGTH}.
 * @example
 * resolveIdempotencyKey({ headers: { "x-idempotency-key": "run-1:write" } }); // { key: "run-1:write", source: "header" }
 */
export function resolveIdempotencyKey(input: IdempotencyKeyInput): ResolvedIdempotencyKey | undefined {
  const args = isRecord(input.args) ? input.args : undefined;
  const candidates: [IdempotencyKeySource, string, unknown][] = [
    ["explicit", "idempotencyKey", input.explicit],
    ["meta", "_meta.idempotencyKey", input.meta?.idempotencyKey],
    ["meta", "_meta.idempotency_key", input.meta?.idempotency_key],
    ["header", IDEMPOTENCY_KEY_HEADER, header(input.headers, IDEMPOTENCY_KEY_HEADER)],
    ["header", IDEMPOTENCY_KEY_ALIAS_HEADER, header(input.headers, IDEMPOTENCY_KEY_ALIAS_HEADER)],
    ["args", "args.idempotency_key", args?.idempotency_key],
    ["args", "args.idempotencyKey", args?.idempotencyKey],
  ];
  for (const [source, field, value] of candidates) {
    if (value === undefined || value === null) continue;
    if (typeof value !== "string") {
      throw invalidKey(field, `${field} must be a string idempotency key; got ${typeof value}`);
    }
    const key = value.trim();
    if (key.length === 0) continue;
    if (key.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
      throw invalidKey(
        field,
        `${field} is ${key.length} characters; idempotency keys are at most ${MAX_IDEMPOTENCY_KEY_LENGTH}`,
      );
    }
    return { key, source };
  }
  return undefined;
}

/** Input of {@link buildIdempotencyKey}. */
export interface BuildIdempotencyKeyInput {
  readonly runId?: string | undefined;
  readonly nodeId?: string | undefined;
  readonly toolAtVersion: string;
  readonly args?: unknown;
  readonly salt?: string | undefined;
}

/**
 * The client idempotency key of sec0-sdk 0.2.3:
 * `<runId or random UUID>:<nodeId or "node">:<tool@version>:<first 16 hex of sha256(JSON(args || {}))>[:<salt>]`.
 * The digest is over plain `JSON.stringify` (not canonical JSON), as 0.2.3 computed it.
 *
 * @example
 * buildIdempotencyKey({ runId: "run-1", nodeId: "planner", toolAtVersion: "write@1.0", args: { a: 1 } });
 * // "run-1:planner:write@1.0:015abd7f5cc57a2d"
 */
export function buildIdempotencyKey(
  input: BuildIdempotencyKeyInput,
  deps: { readonly ids?: IdGenerator } = {},
): string {
  const runId = nonEmpty(input.runId) ?? deps.ids?.next() ?? randomUUID();
  const nodeId = nonEmpty(input.nodeId) ?? "node";
  const digest = sha256Hex(jsonText(input.args || {}) ?? "{}").slice(0, 16);
  const salt = nonEmpty(input.salt);
  return `${runId}:${nodeId}:${input.toolAtVersion}:${digest}${salt === undefined ? "" : `:${salt}`}`;
}

function header(headers: HeaderSource | undefined, name: string): string | undefined {
  return headers === undefined ? undefined : readHeader(headers, name);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.length === 0 ? undefined : value;
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function invalidKey(field: string, why: string): Sec0Error {
  return new Sec0Error("CORE_IDEMPOTENCY_KEY_INVALID", `${why}.`, { details: { field } });
}
