/** The shared badge classes of `styles.css`. */
export type BadgeTone = "ok" | "bad" | "warn" | "neutral";

/**
 * The badge tone of a policy decision: allow is ok, deny bad, escalate warn, anything else neutral.
 *
 * @example
 * decisionTone("deny"); // "bad"
 */
export function decisionTone(decision: string | null | undefined): BadgeTone {
  if (decision === "allow") return "ok";
  if (decision === "deny") return "bad";
  if (decision === "escalate") return "warn";
  return "neutral";
}
