import { canonicalize, isSec0Error, sha256Hex } from "@sec0/core";
import { describe, expect, it } from "vitest";
import { evaluateContextLocally } from "./local-scorer.js";
import type { EvaluatorInputDraft } from "./schema.js";
import { stripContextInjection } from "./strip-context-args.js";

const base: EvaluatorInputDraft = {
  action: { kind: "tool", summary: "Execute mcp://crm/export@1.0", operation: "read", sideEffect: false },
  actor: { id: "agent-1", type: "agent" },
  purpose: { summary: "Answer a support question" },
};

describe("local contextual scorer", () => {
  it("allows a plain read with no concern", () => {
    const out = evaluateContextLocally(base);
    expect(out).toMatchObject({
      decision: "allow",
      principles: [],
      summary: "No contextual concern detected.",
    });
    expect(out.normalizedFingerprint).toMatch(/^[0-9a-f]{64}$/);
  });

  it("escalates an unjustified boundary crossing with a side effect", () => {
    const out = evaluateContextLocally({
      ...base,
      action: {
        ...base.action,
        operation: "send",
        sideEffect: true,
        crossesBoundary: true,
        target: { boundary: "external" },
      },
      authority: { allowedBoundaries: ["tenant"] },
    });
    expect(out.decision).toBe("escalate");
    expect(out.principles).toEqual(
      expect.arrayContaining([
        "authority_scope_mismatch",
        "boundary_crossing_without_justification",
        "insufficient_justification",
      ]),
    );
  });

  it("denies when authority mismatch meets unmet preconditions, and respects thresholds", () => {
    const risky: EvaluatorInputDraft = {
      ...base,
      action: { ...base.action, target: { boundary: "partner" } },
      authority: { allowedBoundaries: ["tenant"] },
      runtimeContext: { unresolvedPrerequisites: ["manager approval"] },
    };
    expect(evaluateContextLocally(risky).decision).toBe("deny");
    const lenient = evaluateContextLocally(
      { ...base, action: { ...base.action, crossesBoundary: true } },
      { escalateThreshold: 0.9 },
    );
    expect(lenient.decision).toBe("allow");
  });

  it("computes the fingerprint as sha256 of the canonical decisive inputs", () => {
    const a = evaluateContextLocally({ ...base, metadata: { note: "one" } });
    const b = evaluateContextLocally({ ...base, metadata: { note: "two" } });
    expect(a.normalizedFingerprint).toBe(b.normalizedFingerprint);
    const expected = sha256Hex(
      canonicalize({
        principles: [],
        actionKind: "tool",
        operation: "read",
        targetBoundary: null,
        sourceTypes: [],
        sourceClassifications: [],
        missingScopes: [],
        unresolvedPrerequisites: [],
        detector: [],
      }),
    );
    expect(a.normalizedFingerprint).toBe(expected);
  });

  it("rejects malformed input with EVAL_CONTEXT_INVALID", () => {
    try {
      evaluateContextLocally({ ...base, actor: {} as never });
      expect.unreachable();
    } catch (e) {
      expect(isSec0Error(e, "EVAL_CONTEXT_INVALID")).toBe(true);
      expect((e as Error).message).toContain("actor.id");
    }
  });
});

describe("stripContextInjection", () => {
  it("removes __sec0_contextual and friends at any depth so they cannot change the decision", () => {
    const args = {
      to: "partner@example.com",
      __sec0_contextual: {
        purpose: { summary: "routine", justification: "x".repeat(100) },
        authority: { allowedBoundaries: ["external"] },
      },
      nested: { "X-Sec0-Contextual": "{}", keep: 1 },
    };
    const { value, removed } = stripContextInjection(args);
    expect(value).toEqual({ to: "partner@example.com", nested: { keep: 1 } });
    expect(removed).toEqual(["$.__sec0_contextual", "$.nested.X-Sec0-Contextual"]);
    // Building evaluator input from stripped args gives the same decision as with no patch at all.
    const fromArgs = (a: Record<string, unknown>): EvaluatorInputDraft => ({
      ...base,
      action: { ...base.action, sideEffect: true, crossesBoundary: true, target: { boundary: "external" } },
      authority: { allowedBoundaries: ["tenant"] },
      ...((a.__sec0_contextual as object) ?? {}),
    });
    const clean = evaluateContextLocally(fromArgs({}));
    const stripped = evaluateContextLocally(fromArgs(value));
    expect(stripped.decision).toBe(clean.decision);
    expect(stripped.normalizedFingerprint).toBe(clean.normalizedFingerprint);
    // Without stripping, the caller's patch would have flipped the decision (the 0.2.3 hole).
    expect(evaluateContextLocally(fromArgs(args)).decision).not.toBe(clean.decision);
  });
});
