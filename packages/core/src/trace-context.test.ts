import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { isSec0Error } from "./errors.js";
import {
  continueTrace,
  extractTraceContext,
  formatTraceparent,
  formatTracestate,
  generateSpanId,
  generateTraceId,
  parseTraceparent,
  parseTracestate,
  TRACE_FLAG_RANDOM,
  TRACE_FLAG_SAMPLED,
  TRACEPARENT_HEADER,
  TRACESTATE_HEADER,
} from "./trace-context.js";

// The corpus sits beside the repository checkout: <root>/../shared (this file is <root>/packages/core/src).
const CORPUS = new URL(
  "../../../../shared/corpora/w3c-trace-context-cases/w3c_tracecontext_harness_cases.jsonl",
  import.meta.url,
);

type HeaderPair = readonly [string, string];

interface HarnessCase {
  readonly suite: string;
  readonly test: string;
  readonly step: number;
  readonly strict: string | null;
  readonly request_headers?: HeaderPair[] | { readonly unparsed: string };
  readonly unparsed_source?: string;
  readonly assertions: readonly string[];
}

const CASES: readonly HarnessCase[] = readFileSync(CORPUS, "utf8")
  .split("\n")
  .filter((line) => line.trim().length > 0)
  .map((line) => JSON.parse(line) as HarnessCase);

// Variables of the harness's test_tracestate_all_allowed_characters, rebuilt from their definitions.
const KEY_WITHOUT_VENDOR = `${range(0x61, 0x7a)}0123456789_-*/`;
const HARNESS_VARIABLES: Record<string, string> = {
  key_without_vendor: KEY_WITHOUT_VENDOR,
  key_with_vendor: `${KEY_WITHOUT_VENDOR}@a-z0-9_-*/`,
  value: range(0x20, 0x2b) + range(0x2d, 0x3c) + range(0x3e, 0x7e),
};

/** The service under test: continues the incoming trace and makes `callbacks` outgoing calls. */
function vendorService(request: readonly HeaderPair[], callbacks: number): HeaderPair[][] {
  const incoming = extractTraceContext(request);
  return Array.from({ length: callbacks }, () => {
    const context = continueTrace(incoming);
    const out: HeaderPair[] = [[TRACEPARENT_HEADER, formatTraceparent(context)]];
    const state = formatTracestate(context.tracestate);
    if (state !== "") out.push([TRACESTATE_HEADER, state]);
    return out;
  });
}

interface Observed {
  readonly traceId: string;
  readonly parentId: string;
  readonly flags: number;
  readonly tracestate: Map<string, string>;
}

const HARNESS_TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;
const HARNESS_MEMBER =
  /^([a-z0-9][a-z0-9_\-*/@]{0,255})=([\x20-\x2b\x2d-\x3c\x3e-\x7e]{0,255}[\x21-\x2b\x2d-\x3c\x3e-\x7e])$/;

/** What the harness reads from a callback: exactly one valid traceparent, and a parseable tracestate. */
function observe(headers: readonly HeaderPair[]): Observed {
  const parents = headers.filter(([name]) => /^traceparent$/i.test(name));
  expect(parents).toHaveLength(1);
  const match = HARNESS_TRACEPARENT.exec(parents[0]![1]);
  if (match === null) throw new Error(`invalid outgoing traceparent ${parents[0]![1]}`);
  expect(match[1]).toBe("00");
  expect(match[2]).not.toMatch(/^0+$/);
  expect(match[3]).not.toMatch(/^0+$/);
  const tracestate = new Map<string, string>();
  for (const [name, value] of headers) {
    if (!/^tracestate$/i.test(name)) continue;
    expect(value.trim()).not.toBe(""); // empty tracestate headers are discarded, not sent
    for (const member of value.split(/[ \t]*,[ \t]*/)) {
      if (member === "") continue;
      const parsed = HARNESS_MEMBER.exec(member);
      if (parsed === null) throw new Error(`invalid outgoing tracestate member ${member}`);
      if (!tracestate.has(parsed[1]!)) tracestate.set(parsed[1]!, parsed[2]!);
    }
  }
  return { traceId: match[2]!, parentId: match[3]!, flags: Number.parseInt(match[4]!, 16), tracestate };
}

/** Request headers and callback count of a case, including the ones the transcription left as source. */
function requestOf(testCase: HarnessCase): { headers: HeaderPair[]; callbacks: number } {
  const { request_headers: headers, unparsed_source: source } = testCase;
  if (Array.isArray(headers)) return { headers, callbacks: 1 };
  const text = source ?? (headers as { unparsed: string } | undefined)?.unparsed;
  if (text === undefined) throw new Error(`case ${testCase.test} has no request`);
  const pairs = [...text.matchAll(/\[\s*'([^']*)'\s*,\s*([^\]\n]+?)\s*\]/g)].map(
    ([, name, expression]) => [name!, evaluateConcatenation(expression!)] as const,
  );
  const count = /\],\s*(\d+)\)/.exec(text);
  return { headers: pairs, callbacks: count === null ? 1 : Number(count[1]) };
}

function evaluateConcatenation(expression: string): string {
  return expression
    .split("+")
    .map((part) => part.trim())
    .map((part) => (/^'.*'$/.test(part) ? part.slice(1, -1) : variable(HARNESS_VARIABLES, part)))
    .join("");
}

const memo = new Map<HarnessCase, Observed[]>();
function run(testCase: HarnessCase): Observed[] {
  let observed = memo.get(testCase);
  if (observed === undefined) {
    const { headers, callbacks } = requestOf(testCase);
    observed = vendorService(headers, callbacks).map(observe);
    memo.set(testCase, observed);
  }
  return observed;
}

class KeyError extends Error {}

/** Evaluates one transcribed Python assertion against what the harness observed. */
function checkAssertion(assertion: string, scope: Record<string, unknown>): void {
  const call = /^self\.(\w+)\((.*)\)$/.exec(assertion);
  if (call === null) throw new Error(`unrecognised assertion ${assertion}`);
  const args = splitTopLevel(call[2]!, ",");
  const value = (index: number): unknown => evaluate(args[index]!, scope);
  switch (call[1]) {
    case "assertEqual":
      return void expect(value(0), assertion).toEqual(value(1));
    case "assertNotEqual":
      return void expect(value(0), assertion).not.toEqual(value(1));
    case "assertIn":
      return void expect(contains(value(1), value(0)), assertion).toBe(true);
    case "assertTrue":
      return void expect(value(0), assertion).toBeTruthy();
    case "assertFalse":
      return void expect(value(0), assertion).toBeFalsy();
    case "assertRaises": {
      expect(args[0]).toBe("KeyError");
      const body = /^lambda:\s*(.*)$/.exec(args[1]!);
      if (body === null) throw new Error(`unrecognised assertRaises ${assertion}`);
      return void expect(() => evaluate(body[1]!, scope), assertion).toThrow(KeyError);
    }
    case "assert_bit_set":
      // The random flag is 0x02, so the harness's second argument is the flag's mask.
      return void expect((value(0) as number) & (value(1) as number), assertion).not.toBe(0);
    default:
      throw new Error(`unrecognised assertion ${assertion}`);
  }
}

/** A tiny evaluator for the Python expressions the corpus uses. */
function evaluate(source: string, scope: Record<string, unknown>): unknown {
  const text = source.trim();
  const or = splitTopLevel(text, " or ");
  if (or.length > 1) return or.some((part) => evaluate(part, scope));
  if (text.startsWith("not ")) return !truthy(evaluate(text.slice(4), scope));
  for (const operator of [" in ", " != ", " < "]) {
    const sides = splitTopLevel(text, operator);
    if (sides.length !== 2) continue;
    const [left, right] = sides.map((side) => evaluate(side, scope)) as [unknown, unknown];
    if (operator === " in ") return contains(right, left);
    if (operator === " != ") return left !== right;
    return (left as number) < (right as number);
  }
  if (/^'[^']*'$|^"[^"]*"$/.test(text)) return text.slice(1, -1);
  if (/^\d+$/.test(text)) return Number(text);
  const len = /^len\((.*)\)$/.exec(text);
  if (len !== null) return sizeOf(evaluate(len[1]!, scope));
  const index = /^str\(tracestate\)\.index\((.*)\)$/.exec(text);
  if (index !== null) {
    const position = String(evaluate("str(tracestate)", scope)).indexOf(String(evaluate(index[1]!, scope)));
    if (position === -1) throw new Error(`ValueError: substring not found in ${text}`);
    return position;
  }
  if (text === "str(tracestate)") {
    return [...(scope.tracestate as Map<string, string>)].map(([key, value]) => `${key}=${value}`).join(",");
  }
  const item = /^tracestate\[(.*)\]$/.exec(text);
  if (item !== null) {
    const key = String(evaluate(item[1]!, scope));
    const state = scope.tracestate as Map<string, string>;
    if (!state.has(key)) throw new KeyError(key);
    return state.get(key);
  }
  return variable(scope, text);
}

function variable(scope: Record<string, unknown>, name: string): unknown {
  if (!(name in scope)) throw new Error(`unknown name ${name}`);
  return scope[name];
}

function contains(container: unknown, item: unknown): boolean {
  if (typeof container === "string") return container.includes(String(item));
  if (container instanceof Map || container instanceof Set) return container.has(item);
  throw new Error(`cannot test membership in ${String(container)}`);
}

function sizeOf(value: unknown): number {
  if (value instanceof Map || value instanceof Set) return value.size;
  if (typeof value === "string") return value.length;
  throw new Error(`len of ${String(value)}`);
}

function truthy(value: unknown): boolean {
  return value instanceof Map || value instanceof Set ? value.size > 0 : Boolean(value);
}

function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quote !== undefined) {
      if (char === quote) quote = undefined;
    } else if (char === "'" || char === '"') quote = char;
    else if ("([".includes(char)) depth++;
    else if (")]".includes(char)) depth--;
    else if (depth === 0 && text.startsWith(separator, i)) {
      parts.push(text.slice(start, i).trim());
      start = i + separator.length;
      i = start - 1;
    }
  }
  parts.push(text.slice(start).trim());
  return parts;
}

function range(from: number, to: number): string {
  return String.fromCharCode(...Array.from({ length: to - from + 1 }, (_, i) => from + i));
}

function scopeOf(testCase: HarnessCase): Record<string, unknown> {
  const observed = run(testCase);
  const last = observed.at(-1)!;
  const { headers } = requestOf(testCase);
  const lastState = headers.filter(([name]) => /^tracestate$/i.test(name)).at(-1)?.[1];
  const first = CASES.find((other) => other.test === testCase.test && other.step === 0)!;
  return {
    ...HARNESS_VARIABLES,
    traceparent: last,
    "traceparent.trace_id.hex()": last.traceId,
    "traceparent.parent_id.hex()": last.parentId,
    "traceparent.trace_flags": last.flags,
    tracestate: last.tracestate,
    tracestate1: run(first).at(-1)!.tracestate,
    tracestate2: last.tracestate,
    trace_ids: new Set(observed.map((o) => o.traceId)),
    parent_ids: new Set(observed.map((o) => o.parentId)),
    ...(lastState === undefined ? {} : { key: lastState.slice(0, lastState.indexOf("=")) }),
  };
}

describe("W3C trace-context harness corpus", () => {
  it("holds the 83 transcribed harness requests", () => {
    expect(CASES).toHaveLength(83);
  });

  it.each(
    CASES.map((testCase) => [`${testCase.suite}.${testCase.test}#${testCase.step}`, testCase] as const),
  )("%s", (_name, testCase) => {
    const scope = scopeOf(testCase);
    for (const assertion of testCase.assertions) checkAssertion(assertion, scope);
  });
});

const VALID = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

describe("parseTraceparent", () => {
  it("reads the fields of a version-00 header", () => {
    expect(parseTraceparent(VALID)).toEqual({
      ok: true,
      value: {
        version: 0,
        traceId: "4bf92f3577b34da6a3ce929d0e0e4736",
        spanId: "00f067aa0ba902b7",
        flags: 1,
      },
    });
  });

  it.each([
    ["uppercase hex", "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01"],
    ["uppercase version", "0A-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"],
    ["a trailing dash on version 00", `${VALID}-`],
    ["CR LF around it", `${VALID}\r\n`],
    ["a short newer version", "cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7"],
    ["a zero trace id in a newer version", "cc-00000000000000000000000000000000-00f067aa0ba902b7-01"],
    ["an empty value", ""],
  ])("rejects %s", (_why, header) => {
    const result = parseTraceparent(header);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/traceparent/);
  });

  it("rejects a repeated and an absent header", () => {
    expect(parseTraceparent([VALID, VALID])).toEqual({ ok: false, error: "traceparent is repeated" });
    expect(parseTraceparent(undefined)).toEqual({ ok: false, error: "traceparent is absent" });
  });

  it("keeps all flag bits of version 00 but only the known ones of a newer version", () => {
    const reserved = parseTraceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-09");
    expect(reserved.ok && reserved.value.flags).toBe(0x09);
    const newer = parseTraceparent("cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-ff-extra");
    expect(newer.ok && newer.value).toMatchObject({
      version: 0xcc,
      flags: TRACE_FLAG_SAMPLED | TRACE_FLAG_RANDOM,
    });
  });
});

describe("parseTracestate", () => {
  it("combines header fields in order and skips empty members", () => {
    expect(parseTracestate(["rojo=1, ,", "", "congo= x y"])).toEqual({
      ok: true,
      value: [
        { key: "rojo", value: "1" },
        { key: "congo", value: " x y" },
      ],
    });
  });

  it("keeps the first of duplicated keys", () => {
    expect(parseTracestate("foo=1,foo=2")).toEqual({ ok: true, value: [{ key: "foo", value: "1" }] });
  });

  it.each([
    "FOO=1",
    "@foo=1",
    "foo",
    "foo=",
    "foo=a,b",
    `foo=${"x".repeat(257)}`,
    `${"k".repeat(257)}=1`,
    "foo=\u00e9",
  ])("rejects %j as a whole", (header) => {
    expect(parseTracestate(`ok=1,${header}`).ok).toBe(false);
  });

  it("accepts 32 members and rejects 33", () => {
    const members = Array.from({ length: 33 }, (_, i) => `k${i}=${i}`);
    expect(parseTracestate(members.slice(0, 32).join(",")).ok).toBe(true);
    expect(parseTracestate(members.join(","))).toEqual({
      ok: false,
      error: "tracestate has more than 32 members",
    });
  });
});

describe("extractTraceContext", () => {
  it("reads a Node header record, a Fetch Headers and raw pairs in any case", () => {
    const expected = { traceId: "4bf92f3577b34da6a3ce929d0e0e4736", tracestate: [{ key: "a", value: "1" }] };
    expect(extractTraceContext({ TraceParent: VALID, tracestate: ["a=1"] })).toMatchObject(expected);
    expect(extractTraceContext(new Headers({ traceparent: VALID, tracestate: "a=1" }))).toMatchObject(
      expected,
    );
    expect(
      extractTraceContext([
        ["TRACEPARENT", VALID],
        ["TraceState", "a=1"],
      ]),
    ).toMatchObject(expected);
  });

  it("drops an invalid tracestate but keeps the traceparent", () => {
    expect(extractTraceContext({ traceparent: VALID, tracestate: "A=1" })?.tracestate).toEqual([]);
  });

  it("returns undefined for a duplicated traceparent, including Node's comma-joined form", () => {
    expect(extractTraceContext({ traceparent: [VALID, VALID] })).toBeUndefined();
    expect(extractTraceContext({ traceparent: `${VALID}, ${VALID}` })).toBeUndefined();
  });
});

describe("continueTrace", () => {
  it("keeps trace id, known flags and tracestate, with a new span id", () => {
    const parent = { version: 0, traceId: "4bf92f3577b34da6a3ce929d0e0e4736", spanId: "00f067aa0ba902b7" };
    const child = continueTrace({ ...parent, flags: 0xff, tracestate: [{ key: "a", value: "1" }] });
    expect(child).toMatchObject({ version: 0, traceId: parent.traceId, flags: 0x03 });
    expect(child.spanId).not.toBe(parent.spanId);
    expect(child.tracestate).toEqual([{ key: "a", value: "1" }]);
    expect(continueTrace({ ...parent, flags: 1, tracestate: [] }, { sampled: false }).flags).toBe(0);
  });

  it("starts a random, unsampled trace without a parent", () => {
    const root = continueTrace(undefined, { spanId: "1111111111111111" });
    expect(root).toMatchObject({
      version: 0,
      spanId: "1111111111111111",
      flags: TRACE_FLAG_RANDOM,
      tracestate: [],
    });
    expect(continueTrace(undefined, { sampled: true }).flags).toBe(TRACE_FLAG_RANDOM | TRACE_FLAG_SAMPLED);
  });
});

function expectInvalid(format: () => unknown): void {
  let caught: unknown;
  try {
    format();
  } catch (error) {
    caught = error;
  }
  expect(isSec0Error(caught, "CORE_TRACE_CONTEXT_INVALID"), String(caught)).toBe(true);
}

describe("formatTraceparent and formatTracestate", () => {
  it("round-trip and downgrade a newer version to 00", () => {
    const parsed = parseTraceparent(VALID);
    expect(parsed.ok && formatTraceparent(parsed.value)).toBe(VALID);
    const newer = parseTraceparent("cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-more");
    expect(newer.ok && formatTraceparent(newer.value)).toBe(VALID);
    const state = parseTracestate("rojo=00f067aa0ba902b7 , congo=t61rcWkgMzE");
    expect(state.ok && formatTracestate(state.value)).toBe("rojo=00f067aa0ba902b7,congo=t61rcWkgMzE");
  });

  it.each([
    { traceId: "0".repeat(32), spanId: "00f067aa0ba902b7", flags: 1 },
    { traceId: "4BF92F3577B34DA6A3CE929D0E0E4736", spanId: "00f067aa0ba902b7", flags: 1 },
    { traceId: "4bf92f3577b34da6a3ce929d0e0e4736", spanId: "0".repeat(16), flags: 1 },
    { traceId: "4bf92f3577b34da6a3ce929d0e0e4736", spanId: "00f067aa0ba902b", flags: 1 },
    { traceId: "4bf92f3577b34da6a3ce929d0e0e4736", spanId: "00f067aa0ba902b7", flags: 256 },
    { traceId: "4bf92f3577b34da6a3ce929d0e0e4736", spanId: "00f067aa0ba902b7", flags: 1.5 },
  ])("formatTraceparent throws CORE_TRACE_CONTEXT_INVALID for %j", (context) => {
    expectInvalid(() => formatTraceparent(context));
  });

  it.each([
    [[{ key: "Bad", value: "1" }]],
    [[{ key: "ok", value: "a,b" }]],
    [[{ key: "ok", value: "" }]],
    [
      [
        { key: "a", value: "1" },
        { key: "a", value: "2" },
      ],
    ],
    [Array.from({ length: 33 }, (_, i) => ({ key: `k${i}`, value: "1" }))],
  ])("formatTracestate throws CORE_TRACE_CONTEXT_INVALID for %j", (entries) => {
    expectInvalid(() => formatTracestate(entries));
  });
});

describe("generateTraceId and generateSpanId", () => {
  it("give distinct lowercase hex ids of 32 and 16 characters", () => {
    const traceIds = new Set(Array.from({ length: 50 }, generateTraceId));
    const spanIds = new Set(Array.from({ length: 50 }, generateSpanId));
    expect(traceIds.size).toBe(50);
    expect(spanIds.size).toBe(50);
    for (const id of traceIds) expect(id).toMatch(/^[0-9a-f]{32}$/);
    for (const id of spanIds) expect(id).toMatch(/^[0-9a-f]{16}$/);
  });
});
