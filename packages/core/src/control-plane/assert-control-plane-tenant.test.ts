import { describe, expect, it } from "vitest";
import { isSec0Error } from "../errors.js";
import { assertControlPlaneTenant } from "./assert-control-plane-tenant.js";

describe("assertControlPlaneTenant", () => {
  it("passes the requested tenant and a reply without one", () => {
    expect(() =>
      assertControlPlaneTenant("acme", "acme", { url: "https://cp/x", reply: "policy" }),
    ).not.toThrow();
    expect(() =>
      assertControlPlaneTenant("acme", undefined, { url: "https://cp/x", reply: "discover" }),
    ).not.toThrow();
  });

  it("throws CORE_CONTROL_PLANE_TENANT_MISMATCH without the query or credentials of the URL", () => {
    let error: unknown;
    try {
      assertControlPlaneTenant("acme", "other", {
        url: "https://u:pw@cp.example/api/policy/acme?key=s",
        reply: "policy",
      });
    } catch (caught) {
      error = caught;
    }
    expect(isSec0Error(error) && error.code).toBe("CORE_CONTROL_PLANE_TENANT_MISMATCH");
    expect(isSec0Error(error) && error.details).toEqual({
      requested: "acme",
      returned: "other",
      reply: "policy",
      url: "https://cp.example/api/policy/acme",
    });
    expect(String((error as Error).message)).not.toContain("pw");
  });
});
