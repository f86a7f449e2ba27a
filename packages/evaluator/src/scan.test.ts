import { describe, expect, it } from "vitest";
import { piiDetector } from "./detectors/pii/pii.js";
import { secretsDetector } from "./detectors/secrets/secrets.js";
import { scanValue } from "./scan.js";
import type { Detector } from "./types.js";

describe("scanValue", () => {
  it("reports field paths and spans at any depth", () => {
    const value = { a: { b: ["nothing", "mail bob@example.com now"] }, "odd key": "x@y.io" };
    const { findings } = scanValue(value, [piiDetector]);
    const paths = findings.map((f) => f.path).sort();
    expect(paths).toEqual(["$.a.b[1]", '$["odd key"]']);
    const f = findings.find((x) => x.path === "$.a.b[1]")!;
    expect("mail bob@example.com now".slice(f.start, f.end)).toBe("bob@example.com");
    expect(f.code).toBe("agent_pii");
    expect(f.kind).toBe("pii.email");
  });

  it("skips cycles", () => {
    const a: Record<string, unknown> = { s: "call 555-123-4567" };
    a.self = a;
    expect(scanValue(a, [piiDetector]).findings).toHaveLength(1);
  });

  it("stops at maxBytes and says so", () => {
    const value = ["x".repeat(100), "bob@example.com"];
    const r = scanValue(value, [piiDetector], { maxBytes: 100 });
    expect(r.truncated).toBe(true);
    expect(r.findings).toHaveLength(0);
    expect(r.bytesScanned).toBe(100);
  });

  it("stops when the time budget is spent", () => {
    let t = 0;
    const r = scanValue(["a@b.io", "c@d.io", "e@f.io"], [piiDetector], {
      maxTimeMs: 10,
      now: () => (t += 6),
    });
    expect(r.timedOut).toBe(true);
    expect(r.stringsScanned).toBeLessThan(3);
  });

  it("lists a throwing detector in errors instead of throwing", () => {
    const bad: Detector = {
      ...piiDetector,
      id: "bad",
      detect: () => {
        throw new Error("boom");
      },
    };
    expect(scanValue({ s: "hello world" }, [bad]).errors).toEqual(["bad"]);
  });

  it("never puts a full secret into evidence", () => {
    const token = "ghp_R8fKq2LmN4pX7sT1vW9yZ3bC5dE6gH0jK2mQ";
    const { findings } = scanValue({ env: `GITHUB_TOKEN=${token}` }, [secretsDetector]);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.evidence).not.toContain(token);
    expect(findings[0]!.severity).toBe("critical");
  });
});
