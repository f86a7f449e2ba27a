import { canonicalize } from "@sec0/core";
import { describe, expect, it } from "vitest";
import { parsePolicyYaml } from "./parse-policy-yaml.js";
import { validatePolicy } from "./validate-policy.js";

describe("the parsed policy's signing section", () => {
  it("is always present, so policy.signing.key_ref reads undefined instead of throwing", () => {
    const policy = parsePolicyYaml("tenant: my-app\n");
    expect(policy.signing).toEqual({});
    expect(policy.signing.key_ref).toBeUndefined();
    expect(Object.isFrozen(policy.signing)).toBe(true);
  });

  it("is not part of the policy's JSON or canonical form when the YAML has none", () => {
    const policy = parsePolicyYaml("tenant: my-app\n");
    expect(Object.keys(policy)).toEqual(["tenant"]);
    expect(JSON.stringify(policy)).toBe('{"tenant":"my-app"}');
    expect(canonicalize(policy)).toBe(canonicalize({ tenant: "my-app" }));
    expect(policy).toEqual({ tenant: "my-app" });
  });

  it("is the written section when the YAML has one", () => {
    const policy = parsePolicyYaml(
      'tenant: my-app\nsigning:\n  enabled: true\n  key_ref: "file://./k.key"\n',
    );
    expect(policy.signing).toEqual({ enabled: true, key_ref: "file://./k.key" });
    expect(Object.keys(policy)).toEqual(["tenant", "signing"]);
  });

  it("is present on validatePolicy's result too", () => {
    const result = validatePolicy({ tenant: "my-app" });
    expect(result.policy?.signing.key_ref).toBeUndefined();
  });
});
