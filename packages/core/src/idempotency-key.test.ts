import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { isSec0Error } from "./errors.js";
import { buildIdempotencyKey, resolveIdempotencyKey } from "./idempotency-key.js";
import type { IdGenerator } from "./ports.js";

describe("resolveIdempotencyKey", () => {
  it("prefers explicit, then _meta, then headers, then args", () => {
    const headers = { "X-Idempotency-Key": "from-header" };
    const args = { idempotency_key: "from-args" };
    expect(resolveIdempotencyKey({ explicit: "e", meta: { idempotencyKey: "m" }, headers, args })).toEqual({
      key: "e",
      source: "explicit",
    });
    expect(resolveIdempotencyKey({ meta: { idempotency_key: "m" }, headers, args })).toEqual({
      key: "m",
      source: "meta",
    });
    expect(resolveIdempotencyKey({ headers, args })).toEqual({ key: "from-header", source: "header" });
    expect(resolveIdempotencyKey({ args })).toEqual({ key: "from-args", source: "args" });
    expect(resolveIdempotencyKey({ args: { idempotencyKey: " camel " } })).toEqual({
      key: "camel",
      source: "args",
    });
  });

  it("accepts the x-idempotency alias and a Headers object", () => {
    expect(resolveIdempotencyKey({ headers: { "x-idempotency": "alias" } })?.key).toBe("alias");
    expect(resolveIdempotencyKey({ headers: new Headers({ "x-idempotency-key": "h" }) })?.key).toBe("h");
  });

  it("skips blanks and returns undefined when nothing carries a key", () => {
    expect(resolveIdempotencyKey({ explicit: "  ", headers: {}, args: { other: 1 } })).toBeUndefined();
    expect(resolveIdempotencyKey({ args: [1, 2] })).toBeUndefined();
  });

  it("rejects non-string and over-long keys naming the field", () => {
    try {
      resolveIdempotencyKey({ args: { idempotency_key: 42 } });
      expect.unreachable();
    } catch (error) {
      expect(isSec0Error(error, "CORE_IDEMPOTENCY_KEY_INVALID")).toBe(true);
      expect((error as Error).message).toContain("args.idempotency_key");
    }
    expect(() => resolveIdempotencyKey({ explicit: "k".repeat(513) })).toThrow(/at most 512/);
  });
});

describe("buildIdempotencyKey", () => {
  it("follows the 0.2.3 recipe byte for byte", () => {
    const args = { b: 1, a: [true, "x"] };
    const digest = createHash("sha256").update(JSON.stringify(args)).digest("hex").slice(0, 16);
    expect(buildIdempotencyKey({ runId: "run-1", nodeId: "planner", toolAtVersion: "write@1.0", args })).toBe(
      `run-1:planner:write@1.0:${digest}`,
    );
    expect(
      buildIdempotencyKey({
        runId: "run-1",
        nodeId: "planner",
        toolAtVersion: "write@1.0",
        args,
        salt: "retry-2",
      }),
    ).toBe(`run-1:planner:write@1.0:${digest}:retry-2`);
  });

  it("hashes {} for absent args and defaults the node to 'node' and the run to a new id", () => {
    const empty = createHash("sha256").update("{}").digest("hex").slice(0, 16);
    const ids = createSeededIds();
    const key = buildIdempotencyKey({ toolAtVersion: "read@2" }, { ids });
    const [run, node, tool, digest] = key.split(":");
    expect(run).toBe("id-1");
    expect([node, tool, digest]).toEqual(["node", "read@2", empty]);
    expect(buildIdempotencyKey({ toolAtVersion: "read@2" })).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}:node:read@2:/,
    );
  });
});

/** Ids `id-1`, `id-2`, … (core cannot use @sec0/testkit, which depends on it). */
function createSeededIds(): IdGenerator {
  let counter = 0;
  return { next: () => `id-${++counter}` };
}
