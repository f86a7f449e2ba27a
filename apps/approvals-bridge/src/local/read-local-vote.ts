import { z } from "zod";
import type { Verdict } from "../platforms/platform.js";

/** The body of `POST /local/api/cards/:escalationId/votes`. */
const LocalVoteSchema = z.strictObject({
  verdict: z.enum(["approve", "reject"]),
  /** The sec0 approver id voting (one with `local: true` in the bridge config). */
  approver: z.string().min(1).max(200),
  /** De-duplicates a resent press (default: a fresh random UUID, so each press counts once). */
  press_id: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,100}$/)
    .optional(),
});

/** A local vote, validated. */
export interface LocalVote {
  readonly verdict: Verdict;
  readonly approver: string;
  readonly pressId?: string;
}

/**
 * Validates a local vote's body; `undefined` for anything else (the route answers 400).
 *
 * @example
 * readLocalVote({ verdict: "approve", approver: "alice" }); // { verdict: "approve", approver: "alice" }
 */
export function readLocalVote(body: unknown): LocalVote | undefined {
  const parsed = LocalVoteSchema.safeParse(body);
  if (!parsed.success) return undefined;
  const { verdict, approver, press_id } = parsed.data;
  return { verdict, approver, ...(press_id === undefined ? {} : { pressId: press_id }) };
}
