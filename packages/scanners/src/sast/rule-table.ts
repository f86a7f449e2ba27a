import type { Severity } from "@sec0/core";

/** One ESLint rule the built-in SAST enables: what it means, how bad a hit is, which CWEs it maps to. */
export interface SastRule {
  /** The ESLint rule id as configured: `security/…`, `@microsoft/sdl/…`, `sec0/…`, or a core rule. */
  readonly id: string;
  readonly severity: Severity;
  readonly cwe: readonly string[];
  readonly meaning: string;
}

const rule = (id: string, severity: Severity, cwe: readonly string[], meaning: string): SastRule => ({
  id,
  severity,
  cwe,
  meaning,
});

/**
 * Every rule of the built-in SAST, and only those (the ESLint config is built from this table).
 * eslint-plugin-security's recommended set, the Node-relevant rules of @microsoft/eslint-plugin-sdl
 * (the browser, Angular, Electron and WinJS ones are left out), core `no-implied-eval`, and sec0's own.
 */
export const SAST_RULES: readonly SastRule[] = [
  rule(
    "security/detect-child-process",
    "high",
    ["CWE-78"],
    "child_process is loaded, or exec() runs a non-literal command.",
  ),
  rule(
    "security/detect-eval-with-expression",
    "high",
    ["CWE-95"],
    "eval() of an expression (code injection).",
  ),
  rule(
    "security/detect-non-literal-fs-filename",
    "medium",
    ["CWE-22"],
    "An fs call takes a computed path (path traversal).",
  ),
  rule("security/detect-non-literal-require", "medium", ["CWE-829"], "require() of a computed module name."),
  rule(
    "security/detect-unsafe-regex",
    "medium",
    ["CWE-1333"],
    "A regex with catastrophic backtracking (ReDoS).",
  ),
  rule(
    "security/detect-non-literal-regexp",
    "medium",
    ["CWE-1333"],
    "new RegExp() from a computed pattern (ReDoS, regex injection).",
  ),
  rule(
    "security/detect-pseudoRandomBytes",
    "medium",
    ["CWE-338"],
    "crypto.pseudoRandomBytes: not cryptographically strong.",
  ),
  rule(
    "security/detect-possible-timing-attacks",
    "low",
    ["CWE-208"],
    "A secret compared with == / ===: timing side channel.",
  ),
  rule(
    "security/detect-no-csrf-before-method-override",
    "medium",
    ["CWE-352"],
    "Express csrf() registered before methodOverride().",
  ),
  rule(
    "security/detect-buffer-noassert",
    "medium",
    ["CWE-119"],
    "Buffer read/write with noAssert: out-of-bounds access.",
  ),
  rule(
    "security/detect-disable-mustache-escape",
    "medium",
    ["CWE-79"],
    "Template escaping turned off (escapeMarkup = false).",
  ),
  rule(
    "security/detect-object-injection",
    "low",
    ["CWE-915"],
    "obj[key] with a computed key: prototype access or pollution.",
  ),
  rule(
    "security/detect-new-buffer",
    "medium",
    ["CWE-908"],
    "new Buffer(n) with a computed size: uninitialised memory.",
  ),
  rule(
    "security/detect-bidi-characters",
    "medium",
    ["CWE-1007"],
    "Bidirectional control characters (Trojan Source).",
  ),
  rule(
    "security/detect-invisible-characters",
    "medium",
    ["CWE-1007"],
    "Invisible characters in code that hide what it does.",
  ),
  rule(
    "@microsoft/sdl/no-insecure-random",
    "medium",
    ["CWE-338"],
    "Math.random() or a weak PRNG where randomness may matter.",
  ),
  rule(
    "@microsoft/sdl/no-insecure-url",
    "low",
    ["CWE-319"],
    "An http:// or ftp:// URL literal: cleartext transport.",
  ),
  rule("@microsoft/sdl/no-unsafe-alloc", "low", ["CWE-908"], "Buffer.allocUnsafe(): memory not zeroed."),
  rule(
    "no-implied-eval",
    "high",
    ["CWE-95"],
    "setTimeout / setInterval / execScript given a string of code.",
  ),
  rule(
    "sec0/child-process",
    "high",
    ["CWE-78"],
    "child_process (with or without node:) via import, require or import().",
  ),
  rule(
    "sec0/process-spawn",
    "high",
    ["CWE-78"],
    "cp.exec / spawn / fork (child_process, shelljs) of a command built at run time.",
  ),
  rule(
    "sec0/process-binding",
    "high",
    ["CWE-676"],
    "process.binding / _linkedBinding / dlopen: native internals.",
  ),
  rule(
    "sec0/vm-run",
    "high",
    ["CWE-94"],
    "vm.runIn*Context / compileFunction / new vm.Script: vm is no sandbox.",
  ),
  rule("sec0/new-function", "high", ["CWE-95"], "new Function(…) or Function(…): eval by another name."),
  rule(
    "sec0/eval-non-literal",
    "high",
    ["CWE-95"],
    "eval of a non-literal, also via globalThis.eval or (0, eval).",
  ),
];

/** Severity and CWEs of the finding a source text gets when it does not parse as JavaScript. */
export const PARSE_ERROR_RULE: SastRule = rule(
  "parse_error",
  "low",
  [],
  "The source does not parse as an ES module (TypeScript syntax, or not code); only the malicious-code detector ran.",
);

/** CWE-506 for every malicious-code detector match. */
export const MALICIOUS_CODE_CWE: readonly string[] = ["CWE-506"];

const BY_ID = new Map(SAST_RULES.map((r) => [r.id, r]));

/** The table entry of an ESLint rule id, if the built-in SAST enables it. */
export function sastRule(id: string): SastRule | undefined {
  return BY_ID.get(id);
}
