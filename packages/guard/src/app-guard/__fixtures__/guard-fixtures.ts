import type { EscalationCreateInput, EscalationCreateResult } from "@sec0/core/contracts";
import type { EscalationClient, EscalationResolution, EscalationState } from "../../escalation/escalation-client.js";

/** An escalation client whose verdict the test decides; it records what it was asked. */
export function scriptedEscalations(verdict: EscalationResolution["status"] | (() => Promise<never>)) {
  const created: EscalationCreateInput[] = [];
  let counter = 0;
  const client: EscalationClient = {
    async create(input): Promise<EscalationCreateResult> {
      created.push(input);
      counter += 1;
      return { id: `esc_${counter}`, status: "pending" };
    },
    async get(id): Promise<EscalationState> {
      return { id, status: "pending" };
    },
    async resolve(input): Promise<EscalationState> {
      return { id: input.id, status: input.action === "approve" ? "approved" : "rejected" };
    },
    async waitForResolution(id): Promise<EscalationResolution> {
      if (typeof verdict === "function") return verdict();
      const at = new Date(0).toISOString();
      return {
        escalationId: id,
        status: verdict,
        details: { id, status: verdict === "timeout" ? "pending" : verdict },
        metadata: { attempts: 1, retryCount: 0, startedAt: at, resolvedAt: at, elapsedMs: 0 },
      };
    },
  };
  return { client, created };
}
