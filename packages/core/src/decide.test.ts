import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type DecideInput, decide } from "./decide.js";
import { canonicalReasonCode, expandReasonCodes, REASON_CODES } from "./reason-codes.js";

const codes = Object.keys(REASON_CODES);
const codeList = fc.uniqueArray(fc.constantFrom(...codes), { maxLength: 6 });
const input = fc.record({
  mode: fc.constantFrom("observe" as const, "enforce" as const),
  denyOn: codeList,
  escalateOn: codeList,
  reasons: codeList,
  faults: fc.uniqueArray(fc.constantFrom("evaluation_error", "policy_fetch_failed"), { maxLength: 2 }),
  escalationAvailable: fc.boolean(),
});

describe("decide", () => {
  it("denies a reason listed in deny_on", () => {
    const decision = decide({
      mode: "enforce",
      denyOn: ["tool_not_in_allowlist"],
      reasons: ["version_unpinned", "tool_not_in_allowlist"],
      escalationAvailable: false,
    });
    expect(decision).toMatchObject({ action: "deny", reason: "tool_not_in_allowlist" });
  });

  it("escalates a reason in escalate_on when a channel exists, else denies and says why", () => {
    const base: DecideInput = {
      mode: "enforce",
      denyOn: [],
      escalateOn: ["missing_idempotency_for_side_effect"],
      reasons: ["missing_idempotency_for_side_effect"],
      escalationAvailable: true,
    };
    expect(decide(base)).toMatchObject({ action: "escalate", reason: "missing_idempotency_for_side_effect" });
    expect(decide({ ...base, escalationAvailable: false })).toMatchObject({
      action: "deny",
      escalationUnavailable: true,
    });
  });

  it("lets a human decide a reason in both lists, but a deny-only reason wins", () => {
    const both = {
      mode: "enforce" as const,
      denyOn: ["a", "b"],
      escalateOn: ["a"],
      escalationAvailable: true,
    };
    expect(decide({ ...both, reasons: ["a"] }).action).toBe("escalate");
    expect(decide({ ...both, reasons: ["a", "b"] })).toMatchObject({ action: "deny", reason: "b" });
  });

  it("expands groups and aliases (integrity_violation, idempotency_missing)", () => {
    const common = { mode: "enforce" as const, escalationAvailable: false };
    expect(decide({ ...common, denyOn: ["integrity_violation"], reasons: ["handler_swap"] }).action).toBe(
      "deny",
    );
    expect(
      decide({ ...common, denyOn: ["idempotency_missing"], reasons: ["missing_idempotency_for_side_effect"] })
        .action,
    ).toBe("deny");
  });

  it("deny_on: [] with no mode given by the policy records but never blocks (observe)", () => {
    const decision = decide({
      mode: "observe",
      denyOn: [],
      reasons: ["tool_not_in_allowlist"],
      escalationAvailable: false,
    });
    expect(decision).toMatchObject({ action: "allow", reason: "tool_not_in_allowlist", wouldBe: "allow" });
  });

  it("fails closed on faults in enforce mode and open in observe mode", () => {
    const common = { denyOn: [], reasons: [], faults: ["evaluation_error"], escalationAvailable: false };
    expect(decide({ ...common, mode: "enforce" })).toMatchObject({
      action: "deny",
      reason: "evaluation_error",
    });
    expect(decide({ ...common, mode: "observe" })).toMatchObject({ action: "allow", wouldBe: "deny" });
  });

  it("property: observe never denies or escalates", () => {
    fc.assert(fc.property(input, (value) => decide({ ...value, mode: "observe" }).action === "allow"));
  });

  it("property: a reason in neither list never blocks", () => {
    fc.assert(
      fc.property(input, (value) => {
        const listed = new Set(expandReasonCodes([...value.denyOn, ...value.escalateOn]));
        const reasons = value.reasons.filter((reason) => !listed.has(canonicalReasonCode(reason)));
        return decide({ ...value, mode: "enforce", faults: [], reasons }).action === "allow";
      }),
    );
  });

  it("property: the deciding reason of a block is one of the inputs and is listed (or a fault)", () => {
    fc.assert(
      fc.property(input, (value) => {
        const decision = decide(value);
        if (decision.action === "allow") return true;
        const reason = decision.reason ?? "";
        const listed = [
          ...value.faults.map(canonicalReasonCode),
          ...expandReasonCodes([...value.denyOn, ...value.escalateOn]),
        ];
        return (
          listed.includes(reason) &&
          value.reasons.map(canonicalReasonCode).concat(value.faults).includes(reason)
        );
      }),
    );
  });

  it("property: escalate only when a channel exists; never escalate on a fault", () => {
    fc.assert(
      fc.property(input, (value) => {
        const decision = decide(value);
        if (decision.action !== "escalate") return true;
        return value.escalationAvailable && value.faults.length === 0;
      }),
    );
  });

  it("property: adding a reason never turns a block into an allow (monotone)", () => {
    fc.assert(
      fc.property(input, fc.constantFrom(...codes), (value, extra) => {
        const before = decide({ ...value, mode: "enforce" });
        const after = decide({ ...value, mode: "enforce", reasons: [...value.reasons, extra] });
        return before.action === "allow" || after.action !== "allow";
      }),
    );
  });

  it("property: observe reports exactly what enforce decides", () => {
    fc.assert(
      fc.property(
        input,
        (value) =>
          decide({ ...value, mode: "observe" }).wouldBe === decide({ ...value, mode: "enforce" }).action,
      ),
    );
  });
});
