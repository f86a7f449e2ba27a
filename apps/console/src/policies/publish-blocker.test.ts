import { describe, expect, it } from "vitest";
import type { PolicyValidation } from "./policy-types.js";
import { publishBlocker } from "./publish-blocker.js";

const valid: PolicyValidation = { valid: true, errors: [], warnings: [] };
const invalid: PolicyValidation = {
  valid: false,
  errors: [{ code: "invalid_type", message: "bad", line: 3, column: 1, path: "tools" }],
  warnings: [],
};

describe("publishBlocker", () => {
  it("allows a changed text validated without errors", () => {
    expect(
      publishBlocker({
        text: "b",
        published: "a",
        busy: false,
        validation: { status: "done", checked: "b", result: valid },
      }),
    ).toBeUndefined();
  });

  it("blocks while loading, busy, unchanged or empty", () => {
    const validation = { status: "done" as const, checked: "b", result: valid };
    expect(publishBlocker({ text: "b", published: undefined, busy: false, validation })).toMatch(/Loading/);
    expect(publishBlocker({ text: "b", published: "a", busy: true, validation })).toMatch(/Working/);
    expect(publishBlocker({ text: "a", published: "a", busy: false, validation })).toMatch(/No changes/);
    expect(
      publishBlocker({ text: " ", published: "a", busy: false, validation: { status: "empty" } }),
    ).toMatch(/empty/);
  });

  it("blocks a text whose verdict is stale, failed or has errors", () => {
    const base = { text: "b", published: "a", busy: false };
    expect(publishBlocker({ ...base, validation: { status: "done", checked: "c", result: valid } })).toMatch(
      /Validating/,
    );
    expect(
      publishBlocker({ ...base, validation: { status: "pending", checked: "b", result: valid } }),
    ).toMatch(/Validating/);
    expect(publishBlocker({ ...base, validation: { status: "failed", checked: "b" } })).toMatch(/could not/);
    expect(
      publishBlocker({ ...base, validation: { status: "done", checked: "b", result: invalid } }),
    ).toMatch(/errors/);
  });
});
