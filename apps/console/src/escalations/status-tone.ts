import type { EscalationStatus } from "./escalation-types.js";

/** The shared badge classes (`styles.css`). */
export type BadgeTone = "ok" | "bad" | "warn" | "neutral";

/**
 * The badge tone of a status: pending is waiting (warn), approved ok, rejected bad, expired neutral.
 *
 * @example
 * statusTone("approved"); // "ok"
 */
export function statusTone(status: EscalationStatus): BadgeTone {
  switch (status) {
    case "pending":
      return "warn";
    case "approved":
      return "ok";
    case "rejected":
      return "bad";
    default:
      return "neutral";
  }
}
