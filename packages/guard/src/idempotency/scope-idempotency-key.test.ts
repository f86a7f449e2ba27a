import { describe, expect, it } from "vitest";
import { scopeIdempotencyKey } from "./scope-idempotency-key.js";

describe("scopeIdempotencyKey", () => {
  it("puts tenant, node and key in one store key", () => {
    expect(scopeIdempotencyKey({ tenant: "acme", nodeId: "planner" }, "run-1:write")).toBe(
      "acme|planner|run-1:write",
    );
    expect(scopeIdempotencyKey({ tenant: "acme", nodeId: undefined }, "k")).toBe("acme||k");
  });

  it("never lets two scopes and keys collide, whatever separators they hold", () => {
    const cases: [string, string | undefined, string][] = [
      ["a", "b", "c|d"],
      ["a", "b|c", "d"],
      ["a|b", "c", "d"],
      ["a", undefined, "b|c|d"],
      ["a", "b%7Cc", "d"],
      ["a%7Cb", "c", "d"],
      ["a%", "b", "c"],
      ["a", "%", "b"],
      ["a", "", "b"],
    ];
    const keys = cases.map(([tenant, nodeId, key]) => scopeIdempotencyKey({ tenant, nodeId }, key));
    expect(new Set(keys).size).toBe(cases.length);
  });
});
