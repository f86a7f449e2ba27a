import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compilePolicy } from "../compile-policy.js";
import { parsePolicyYaml, validatePolicyYaml } from "../parse-policy-yaml.js";
import { validatePolicy } from "../validate-policy.js";

const fixture = readFileSync(new URL("../__fixtures__/gateway-and-guard.yaml", import.meta.url), "utf8");

describe("policy schema", () => {
  it("accepts the gateway sections and the full agent_guard shape", () => {
    expect(validatePolicyYaml(fixture).errors).toEqual([]);
    const policy = parsePolicyYaml(fixture);
    expect(policy.agent_guard?.detectors?.pii?.action).toBe("redact");
    expect(policy.targets?.["vision-mcp"]).toBe("https://vision.example.com");
    const compiled = compilePolicy(policy);
    expect(compiled.escalation).toMatchObject({ approveHighRisk: true, ttlSeconds: 600 });
    expect(compiled.agentGuard).toMatchObject({
      enabled: true,
      blockOnCount: 3,
      scanOutputs: false,
      maxScanBytes: 65536,
    });
  });

  it.each([
    [
      "unknown detector",
      { tenant: "t", agent_guard: { detectors: { pi: {} } } },
      "agent_guard.detectors.pi",
      "unknown_key",
    ],
    [
      "confidence out of range",
      { tenant: "t", agent_guard: { detectors: { pii: { min_confidence: 2 } } } },
      "agent_guard.detectors.pii.min_confidence",
      "out_of_range",
    ],
    ["bad target url", { tenant: "t", targets: { a: "not a url" } }, "targets.a", "invalid_value"],
    [
      "bad broker type",
      { tenant: "t", brokers: { x: { type: "magic" } } },
      "brokers.x.type",
      "invalid_value",
    ],
    [
      "dedupe ttl too big",
      { tenant: "t", dedupe: { ttl_seconds: 90000 } },
      "dedupe.ttl_seconds",
      "out_of_range",
    ],
    [
      "escalate_on typo",
      { tenant: "t", enforcement: { escalate_on: ["agent_gaurd_failed"] } },
      "enforcement.escalate_on[0]",
      "unknown_reason_code",
    ],
  ])("%s", (_name, input, path, code) => {
    const result = validatePolicy(input);
    expect(result.valid).toBe(false);
    expect(result.errors).toContainEqual(expect.objectContaining({ path, code }));
  });

  it("suggests the nearest reason code", () => {
    const [issue] = validatePolicy({
      tenant: "t",
      enforcement: { escalate_on: ["agent_gaurd_failed"] },
    }).errors;
    expect(issue?.suggestion).toBe("agent_guard_failed");
    expect(issue?.message).toContain('did you mean "agent_guard_failed"');
  });
});
