import { randomBytes } from "node:crypto";
import { Sec0Error } from "./errors.js";

export const TRACEPARENT_HEADER = "traceparent";
export const TRACESTATE_HEADER = "tracestate";
/** `trace-flags` bit: the caller may have recorded trace data. */
export const TRACE_FLAG_SAMPLED = 0x01;
/** `trace-flags` bit (Trace Context level 2): the trace id's right-most 7 bytes are random. */
export const TRACE_FLAG_RANDOM = 0x02;
/** Most `tracestate` list members a header may carry. */
export const MAX_TRACESTATE_MEMBERS = 32;

/** One `tracestate` list member, in header order (left-most = most recent vendor). */
export interface TraceStateEntry {
  readonly key: string;
  readonly value: string;
}

/** The W3C trace context of one hop: `traceparent` fields plus the `tracestate` list. */
export interface TraceContext {
  /** Version of the received header (0–254); sec0 always writes version 0. */
  readonly version: number;
  /** 32 lowercase hex characters, not all zero. */
  readonly traceId: string;
  /** The `parent-id`: 16 lowercase hex characters naming the caller's span, not all zero. */
  readonly spanId: string;
  /** The 8-bit `trace-flags`; test with {@link TRACE_FLAG_SAMPLED} and {@link TRACE_FLAG_RANDOM}. */
  readonly flags: number;
  readonly tracestate: readonly TraceStateEntry[];
}

/** The outcome of parsing a header: the value, or why it must be ignored. */
export type TraceHeaderResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: string };

/** A header value as HTTP libraries hand it over: absent, one field, or every field of that name. */
export type TraceHeaderValue = string | readonly string[] | undefined;

/** Headers to read trace context from: a record (any name case), a Fetch `Headers`, or raw name/value pairs. */
export type TraceHeaderSource =
  | Readonly<Record<string, string | readonly string[] | undefined>>
  | { get(name: string): string | null }
  | Iterable<readonly [string, string]>;

const OWS = /^[ \t]+|[ \t]+$/g;
const TRACE_ID = /^[0-9a-f]{32}$/;
const SPAN_ID = /^[0-9a-f]{16}$/;
const TRACEPARENT_00 = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;
const KEY = /^[a-z0-9][a-z0-9_\-*/@]{0,255}$/;
const VALUE = /^[\x20-\x2b\x2d-\x3c\x3e-\x7e]{0,255}[\x21-\x2b\x2d-\x3c\x3e-\x7e]$/;

/**
 * Parses a `traceparent` header, with optional whitespace around it. Version `00` must be exactly
 * 55 characters; a higher version (not `ff`) is read by its first four fields, which must be
 * followed by the end or a `-`. Two header fields, uppercase hex and all-zero ids are invalid.
 * @example
 * parseTraceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"); // { ok: true, value: … }
 */
export function parseTraceparent(
  header: TraceHeaderValue,
): TraceHeaderResult<Omit<TraceContext, "tracestate">> {
  const fields = typeof header === "string" ? [header] : (header ?? []);
  if (fields.length !== 1)
    return failure(fields.length === 0 ? "traceparent is absent" : "traceparent is repeated");
  const text = fields[0]!.replace(OWS, "");
  const version = /^[0-9a-f]{2}-/.test(text) ? Number.parseInt(text.slice(0, 2), 16) : Number.NaN;
  if (Number.isNaN(version))
    return failure("traceparent must start with a two-digit lowercase hex version and '-'");
  if (version === 0xff) return failure("traceparent version ff is forbidden");
  if (version === 0 ? text.length !== 55 : text.length < 55 || (text.length > 55 && text[55] !== "-")) {
    return failure(`traceparent version ${text.slice(0, 2)} has the wrong length or trailing data`);
  }
  const match = TRACEPARENT_00.exec(text.slice(0, 55));
  if (match === null) return failure("traceparent must be version-traceid-parentid-flags in lowercase hex");
  const [, , traceId, spanId, flags] = match as unknown as [string, string, string, string, string];
  if (isAllZero(traceId)) return failure("traceparent trace-id is all zeros");
  if (isAllZero(spanId)) return failure("traceparent parent-id is all zeros");
  // A newer version's unknown flag bits mean nothing to us, so only the known ones are kept.
  const known = version === 0 ? 0xff : TRACE_FLAG_SAMPLED | TRACE_FLAG_RANDOM;
  return { ok: true, value: { version, traceId, spanId, flags: Number.parseInt(flags, 16) & known } };
}

/**
 * Parses `tracestate`; several header fields are joined with `,` first. Empty and whitespace-only
 * members are skipped; a later duplicate of a key is dropped. Any malformed member, or more than
 * 32 members, invalidates the whole header.
 * @example
 * parseTracestate(["rojo=00f067aa0ba902b7", "congo=t61rcWkgMzE"]); // { ok: true, value: [{ key: "rojo", … }, …] }
 */
export function parseTracestate(header: TraceHeaderValue): TraceHeaderResult<readonly TraceStateEntry[]> {
  const joined = typeof header === "string" ? header : (header ?? []).join(",");
  const entries: TraceStateEntry[] = [];
  const seen = new Set<string>();
  let members = 0;
  for (const raw of joined.split(",")) {
    const member = raw.replace(OWS, "");
    if (member.length === 0) continue;
    if (++members > MAX_TRACESTATE_MEMBERS)
      return failure(`tracestate has more than ${MAX_TRACESTATE_MEMBERS} members`);
    const equals = member.indexOf("=");
    const key = equals === -1 ? member : member.slice(0, equals);
    const value = equals === -1 ? "" : member.slice(equals + 1);
    const why = memberProblem(key, value);
    if (why !== undefined) return failure(`tracestate member "${member}": ${why}`);
    if (seen.has(key)) continue;
    seen.add(key);
    entries.push({ key, value });
  }
  return { ok: true, value: entries };
}

/**
 * Reads `traceparent` and `tracestate` from request headers, any name case. Returns `undefined`
 * when there is no valid `traceparent` (start a new trace); an invalid `tracestate` is dropped.
 * @example
 * extractTraceContext(request.headers)?.traceId;
 */
export function extractTraceContext(headers: TraceHeaderSource): TraceContext | undefined {
  const parent = parseTraceparent(headerValues(headers, TRACEPARENT_HEADER));
  if (!parent.ok) return undefined; // the spec forbids reading tracestate without a traceparent
  const state = parseTracestate(headerValues(headers, TRACESTATE_HEADER));
  return { ...parent.value, tracestate: state.ok ? state.value : [] };
}

/**
 * The context for this hop's outgoing calls: the parent's trace id, flags (sampled, random) and
 * tracestate with a new span id, or a new random trace when there is no parent.
 * @example
 * const context = continueTrace(extractTraceContext(request.headers));
 */
export function continueTrace(
  parent: TraceContext | undefined,
  options: { readonly sampled?: boolean; readonly spanId?: string } = {},
): TraceContext {
  const spanId = options.spanId ?? generateSpanId();
  if (parent === undefined) {
    const flags = TRACE_FLAG_RANDOM | (options.sampled ? TRACE_FLAG_SAMPLED : 0);
    return { version: 0, traceId: generateTraceId(), spanId, flags, tracestate: [] };
  }
  let flags = parent.flags & (TRACE_FLAG_SAMPLED | TRACE_FLAG_RANDOM);
  if (options.sampled !== undefined)
    flags = (flags & ~TRACE_FLAG_SAMPLED) | (options.sampled ? TRACE_FLAG_SAMPLED : 0);
  return { version: 0, traceId: parent.traceId, spanId, flags, tracestate: parent.tracestate };
}

/**
 * Formats a version-00 `traceparent` header (a newer received version is downgraded).
 * @throws {Sec0Error} `CORE_TRACE_CONTEXT_INVALID` for a malformed or all-zero id or flags outside 0–255.
 * @example
 * formatTraceparent({ traceId: "4bf92f3577b34da6a3ce929d0e0e4736", spanId: "00f067aa0ba902b7", flags: 1 });
 */
export function formatTraceparent(context: Pick<TraceContext, "traceId" | "spanId" | "flags">): string {
  const { traceId, spanId, flags } = context;
  if (!TRACE_ID.test(traceId) || isAllZero(traceId)) {
    throw invalid(
      "traceId",
      "traceId must be 32 lowercase hex characters, not all zero; use generateTraceId()",
    );
  }
  if (!SPAN_ID.test(spanId) || isAllZero(spanId)) {
    throw invalid("spanId", "spanId must be 16 lowercase hex characters, not all zero; use generateSpanId()");
  }
  if (!Number.isInteger(flags) || flags < 0 || flags > 0xff)
    throw invalid("flags", "flags must be an integer 0-255");
  return `00-${traceId}-${spanId}-${flags.toString(16).padStart(2, "0")}`;
}

/**
 * Formats a `tracestate` header (`key=value` joined by `,`); an empty list gives `""`, which
 * should not be sent.
 * @throws {Sec0Error} `CORE_TRACE_CONTEXT_INVALID` for a bad key or value, a repeated key or over 32 entries.
 * @example
 * formatTracestate([{ key: "sec0", value: "00f067aa0ba902b7" }]); // "sec0=00f067aa0ba902b7"
 */
export function formatTracestate(entries: readonly TraceStateEntry[]): string {
  if (entries.length > MAX_TRACESTATE_MEMBERS) {
    throw invalid(
      "tracestate",
      `tracestate holds at most ${MAX_TRACESTATE_MEMBERS} entries; drop the oldest`,
    );
  }
  const seen = new Set<string>();
  for (const { key, value } of entries) {
    const why = memberProblem(key, value) ?? (seen.has(key) ? "the key is repeated" : undefined);
    if (why !== undefined) throw invalid("tracestate", `tracestate entry "${key}": ${why}`);
    seen.add(key);
  }
  return entries.map(({ key, value }) => `${key}=${value}`).join(",");
}

/** A random, non-zero 32-hex-character trace id. @example generateTraceId(); // "4bf92f35…" */
export function generateTraceId(): string {
  return randomHex(16);
}

/** A random, non-zero 16-hex-character span id. @example generateSpanId(); // "00f067aa0ba902b7" */
export function generateSpanId(): string {
  return randomHex(8);
}

function memberProblem(key: string, value: string): string | undefined {
  if (!KEY.test(key)) {
    return "keys are 1-256 of a-z 0-9 _ - * / @, starting with a letter or digit";
  }
  if (!VALUE.test(value)) {
    return "values are 1-256 printable ASCII characters without ',' or '=', not ending in a space";
  }
  return undefined;
}

function headerValues(headers: TraceHeaderSource, name: string): string[] {
  if (typeof (headers as { get?: unknown }).get === "function" && !(headers instanceof Map)) {
    const value = (headers as { get(name: string): string | null }).get(name);
    return value === null ? [] : [value];
  }
  const pairs =
    Symbol.iterator in headers
      ? (headers as Iterable<readonly [string, string]>)
      : Object.entries(headers as Readonly<Record<string, string | readonly string[] | undefined>>);
  const values: string[] = [];
  for (const [key, value] of pairs) {
    if (key.toLowerCase() !== name || value === undefined) continue;
    if (typeof value === "string") values.push(value);
    else values.push(...(value as readonly string[]));
  }
  return values;
}

// Ids are taken from a pool of random bytes refilled 4 KiB at a time: one `randomBytes` call per
// id cost more than the rest of a governed tool call's bookkeeping.
const POOL_SIZE = 4096;
let pool = Buffer.alloc(0);
let poolOffset = POOL_SIZE;

function randomHex(bytes: number): string {
  let hex: string;
  do {
    if (poolOffset + bytes > pool.length) {
      pool = randomBytes(POOL_SIZE);
      poolOffset = 0;
    }
    hex = pool.toString("hex", poolOffset, poolOffset + bytes);
    poolOffset += bytes;
  } while (isAllZero(hex));
  return hex;
}

function isAllZero(hex: string): boolean {
  return /^0+$/.test(hex);
}

function failure(error: string): { readonly ok: false; readonly error: string } {
  return { ok: false, error };
}

function invalid(field: string, message: string): Sec0Error {
  return new Sec0Error("CORE_TRACE_CONTEXT_INVALID", `${message}.`, { details: { field } });
}
