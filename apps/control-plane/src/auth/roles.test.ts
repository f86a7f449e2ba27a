import { describe, expect, it } from "vitest";
import { API_KEY_ROLE_NAMES, API_KEY_ROLES, rolesHeldBy } from "./roles.js";
import { API_KEY_SCOPES } from "./scopes.js";

describe("API_KEY_ROLES", () => {
  it("is the contract's table, every scope a known one", () => {
    expect(API_KEY_ROLES).toEqual({
      admin: ["admin"],
      policy_editor: ["policy:read", "policy:write"],
      approver: ["escalation:vote", "policy:read"],
      auditor: ["audit:read", "policy:read"],
      read_only: ["policy:read"],
    });
    for (const scopes of Object.values(API_KEY_ROLES)) {
      for (const scope of scopes) expect(API_KEY_SCOPES).toContain(scope);
    }
    expect(API_KEY_ROLE_NAMES).toEqual(["admin", "policy_editor", "approver", "auditor", "read_only"]);
  });

  it("rolesHeldBy lists every role the scopes cover; admin covers all", () => {
    expect(rolesHeldBy(["admin"])).toEqual(API_KEY_ROLE_NAMES);
    expect(rolesHeldBy(["escalation:vote", "policy:read"])).toEqual(["approver", "read_only"]);
    expect(rolesHeldBy(["policy:write", "policy:read", "audit:read"])).toEqual([
      "policy_editor",
      "auditor",
      "read_only",
    ]);
    expect(rolesHeldBy(["policy:write"])).toEqual([]);
    expect(rolesHeldBy(["audit:ingest"])).toEqual([]);
  });
});
