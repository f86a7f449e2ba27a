import { Sec0Error } from "@sec0/core";
import { describe, expect, it } from "vitest";
import { checkApproval } from "./check-approval.js";
import type { ApprovalCheck, ApprovalVerifier } from "./control-plane-escalations.js";
import type { EscalationResolution } from "./escalation-client.js";

const approved = (approvalToken?: string): EscalationResolution =>
  ({
    escalationId: "esc_1",
    status: "approved",
    details: { id: "esc_1", status: "approved", ...(approvalToken === undefined ? {} : { approvalToken }) },
  }) as unknown as EscalationResolution;
const binding = { toolRef: "guard:tool:files/write", callDigest: "d".repeat(64) };

function verifier(
  answer: (check: ApprovalCheck) => Promise<unknown>,
): ApprovalVerifier & { seen: ApprovalCheck[] } {
  const seen: ApprovalCheck[] = [];
  return {
    seen,
    verify: (check) => {
      seen.push(check);
      return answer(check) as never;
    },
  };
}

describe("checkApproval", () => {
  it("counts a token the verifier accepts for this call, and sends it the binding", async () => {
    const v = verifier(async () => ({ valid: true }));
    expect(await checkApproval(v, approved("apt_1"), { ...binding, runId: "run-1" })).toEqual({
      valid: true,
    });
    expect(v.seen).toEqual([{ token: "apt_1", ...binding, runId: "run-1" }]);
  });

  it("refuses an approval without a token and asks no verifier", async () => {
    const v = verifier(async () => ({ valid: true }));
    expect(await checkApproval(v, approved(), binding)).toEqual({
      valid: false,
      reason: "no_approval_token",
    });
    expect(v.seen).toEqual([]);
  });

  it("refuses a token the verifier refuses, with its reason", async () => {
    const reused = verifier(async () => ({ valid: false, invalid_reason: "already_used" }));
    expect(await checkApproval(reused, approved("apt_1"), binding)).toEqual({
      valid: false,
      reason: "refused",
      detail: "already_used",
    });
    const bare = verifier(async () => ({ valid: false }));
    expect(await checkApproval(bare, approved("apt_1"), binding)).toMatchObject({ detail: "invalid" });
  });

  it("fails closed when the verifier throws, keeping the error", async () => {
    const down = new Sec0Error("CORE_CONTROL_PLANE_UNAVAILABLE", "The control plane did not answer.");
    const v = verifier(async () => {
      throw down;
    });
    expect(await checkApproval(v, approved("apt_1"), binding)).toEqual({
      valid: false,
      reason: "unverifiable",
      detail: "The control plane did not answer.",
      error: down,
    });
  });
});
