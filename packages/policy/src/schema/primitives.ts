import {
  compileAllowlist,
  isReasonCode,
  REASON_CODE_ALIASES,
  REASON_CODE_GROUPS,
  REASON_CODES,
} from "@sec0/core";
import { z } from "zod";
import { isDuration, parseDuration } from "../duration.js";
import { compileUserRegex } from "../user-regex.js";

/** Issue kinds carried in `params.sec0` of custom issues, surfaced as `PolicyIssue.code`. */
export type CustomIssueKind =
  | "invalid_duration"
  | "invalid_regex"
  | "unknown_reason_code"
  | "invalid_allowlist_entry"
  | "invalid_argument_path";

/** Severity levels of findings and thresholds. */
export const severitySchema = z.enum(["low", "medium", "high", "critical"]);

/** A duration string: `"30d"`, `"12h"`, `"500ms"`, `"1h30m"`. */
export const durationSchema = z.string().superRefine((value, ctx) => {
  if (!isDuration(value)) {
    ctx.addIssue({
      code: "custom",
      message: `"${value}" is not a duration: write a number with a unit (ms, s, m, h, d, w), e.g. "30d" or "1h30m"`,
      params: { sec0: "invalid_duration" },
    });
  }
});

/** A positive duration: a TTL of zero would keep nothing. */
export const positiveDurationSchema = durationSchema.superRefine((value, ctx) => {
  try {
    if (parseDuration(value) > 0) return;
  } catch {
    return; // durationSchema already reported it
  }
  ctx.addIssue({
    code: "too_small",
    origin: "number",
    minimum: 1,
    inclusive: true,
    input: value,
    message: `must be longer than 0; got "${value}"`,
  });
});

/** A regular expression source, compiled during validation so a bad one is reported with its line. */
export const regexSchema = z.string().superRefine((value, ctx) => {
  try {
    compileUserRegex(value);
  } catch (error) {
    ctx.addIssue({ code: "custom", message: (error as Error).message, params: { sec0: "invalid_regex" } });
  }
});

/** A non-negative integer. */
export const countSchema = z.number().int().min(0);

/** Every reason code, alias and group name a policy may list, for suggestions. */
export const KNOWN_REASON_CODES: readonly string[] = [
  ...Object.keys(REASON_CODES),
  ...Object.keys(REASON_CODE_ALIASES),
  ...Object.keys(REASON_CODE_GROUPS),
];

/**
 * One reason code, alias or group name, as listed in `deny_on` / `escalate_on`. The check is a
 * constant-time lookup; the "did you mean" suggestion is computed when the issue is reported, for
 * the reported issues only, so thousands of unknown codes validate in linear time.
 */
export const reasonCodeSchema = z.string().superRefine((value, ctx) => {
  if (isReasonCode(value.trim()) || Object.hasOwn(REASON_CODE_ALIASES, value.trim())) return;
  ctx.addIssue({
    code: "custom",
    message: `unknown reason code "${value}"`,
    params: { sec0: "unknown_reason_code", value },
  });
});

/** A tool allowlist: every entry must compile with core's one allowlist matcher. */
export const allowlistSchema = z.array(
  z.string().superRefine((value, ctx) => {
    try {
      compileAllowlist([value]);
    } catch (error) {
      ctx.addIssue({
        code: "custom",
        message: (error as Error).message,
        params: { sec0: "invalid_allowlist_entry" },
      });
    }
  }),
);

/** A list of patterns (egress hosts, paths, tool globs). */
export const patternListSchema = z.array(z.string().min(1));
