// `controlPlane.escalation`: how a hop waits for a human, with the names of the guard's
// `waitForEscalation` options (timeoutMs, pollIntervalMs, maxRetries, retryBackoffMs) and its ttlSeconds.
import { z } from "zod";

const ms = () => z.number().int().nonnegative();

/**
 * The escalation wait of hops: `timeoutMs` (default 600 000, then the hop is denied, never
 * approved), `pollIntervalMs` (default 2000, > 0), `maxRetries` (default 3), `retryBackoffMs`
 * (default 250), and the escalation's `ttlSeconds` at the control plane (default 3600).
 */
export const hopEscalationSchema = z.strictObject({
  timeoutMs: ms().optional(),
  pollIntervalMs: z.number().int().positive().optional(),
  maxRetries: z.number().int().nonnegative().max(20).optional(),
  retryBackoffMs: ms().optional(),
  ttlSeconds: z.number().int().positive().optional(),
});

/** `controlPlane.escalation` after validation. */
export type HopEscalationEntry = z.output<typeof hopEscalationSchema>;
