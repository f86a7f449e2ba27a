import type { BadgeTone } from "./badge-tone.js";
import type { CheckResult, VerdictStatus } from "./evidence-types.js";

/** What a day file's badge says and how it looks. */
export interface VerdictBadge {
  readonly text: "verified" | "failed" | "unattested" | "not checked";
  readonly tone: BadgeTone;
}

/**
 * The badge of a verification status; `undefined` (not verified yet) is `not checked`.
 *
 * @example
 * verdictBadge("invalid"); // { text: "failed", tone: "bad" }
 */
export function verdictBadge(status: VerdictStatus | undefined): VerdictBadge {
  switch (status) {
    case "valid":
      return { text: "verified", tone: "ok" };
    case "invalid":
      return { text: "failed", tone: "bad" };
    case "unattested":
      return { text: "unattested", tone: "warn" };
    default:
      return { text: "not checked", tone: "neutral" };
  }
}

/**
 * The badge tone of one check's result: ok, failed (bad) or none (nothing of that kind: neutral).
 *
 * @example
 * checkTone("failed"); // "bad"
 */
export function checkTone(result: CheckResult): BadgeTone {
  if (result === "ok") return "ok";
  if (result === "failed") return "bad";
  return "neutral";
}
