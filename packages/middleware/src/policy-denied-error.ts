import { Sec0Error } from "@sec0/core";
import type { Refusal } from "@sec0/guard";

/**
 * Thrown to seed-shape servers (`server.tool("name@1.0", handler)`) when a call is refused,
 * as 0.2.3's `PolicyDeniedError`: `violation` is the deciding reason code.
 */
export class PolicyDeniedError extends Sec0Error {
  readonly violation: string;
  readonly refusal: Refusal;
  readonly escalation_id: string | undefined;

  constructor(refusal: Refusal) {
    super("MIDDLEWARE_POLICY_DENIED", refusal.message, {
      details: {
        violation: refusal.reason,
        decision: refusal.decision,
        ...(refusal.escalationId === undefined ? {} : { escalation_id: refusal.escalationId }),
        ...(refusal.retryAfterMs === undefined ? {} : { retry_after_ms: refusal.retryAfterMs }),
      },
    });
    this.name = "PolicyDeniedError";
    this.violation = refusal.reason;
    this.refusal = refusal;
    this.escalation_id = refusal.escalationId;
  }
}
