import { describe, expect, it } from "vitest";
import { decideQuorum, type QuorumState } from "./decide-quorum.js";
import { parseWait } from "./parse-wait.js";

const base: QuorumState = {
  strategy: "human_quorum",
  minApprovals: 2,
  minRejections: 2,
  requiredRoles: [],
  vetoRoles: [],
  approvals: 1,
  rejections: 0,
  approvingRoles: [],
  vote: { action: "approve", roles: [] },
};

describe("decideQuorum", () => {
  it("single_approver: the vote decides", () => {
    expect(decideQuorum({ ...base, strategy: "single_approver" })).toEqual({
      status: "approved",
      reason: "approved",
    });
    expect(
      decideQuorum({ ...base, strategy: "single_approver", vote: { action: "reject", roles: [] } }).status,
    ).toBe("rejected");
  });
  it("human_quorum: counts, roles and veto", () => {
    expect(decideQuorum(base).status).toBe("pending");
    expect(decideQuorum({ ...base, approvals: 2 }).status).toBe("approved");
    expect(decideQuorum({ ...base, approvals: 2, requiredRoles: ["sec"] }).status).toBe("pending");
    expect(
      decideQuorum({ ...base, approvals: 2, requiredRoles: ["sec"], approvingRoles: ["sec"] }).status,
    ).toBe("approved");
    expect(decideQuorum({ ...base, rejections: 1, vote: { action: "reject", roles: [] } }).status).toBe(
      "pending",
    );
    expect(decideQuorum({ ...base, rejections: 2, vote: { action: "reject", roles: [] } }).status).toBe(
      "rejected",
    );
    expect(
      decideQuorum({
        ...base,
        rejections: 1,
        vetoRoles: ["ciso"],
        vote: { action: "reject", roles: ["ciso"] },
      }),
    ).toEqual({
      status: "rejected",
      reason: "vetoed",
    });
  });
});

describe("parseWait", () => {
  it("reads seconds and milliseconds, clamps to 60 s", () => {
    expect(parseWait("30s")).toBe(30_000);
    expect(parseWait("30")).toBe(30_000);
    expect(parseWait("500ms")).toBe(500);
    expect(parseWait("600s")).toBe(60_000);
    expect(parseWait(undefined)).toBe(0);
    expect(parseWait("soon")).toBeUndefined();
  });
});
