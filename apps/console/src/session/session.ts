import type { ApiClient } from "../api/api-client.js";

/** Reply of `GET /api/tenants/me`: who the signed-in key is and what it may do. */
export interface TenantMe {
  readonly tenant: string;
  readonly name: string;
  readonly keyId: string;
  readonly scopes: readonly string[];
  readonly roles: readonly string[];
  readonly env?: string;
  readonly clientName?: string;
  readonly clientVersion?: string;
  readonly userId?: string;
}

/** What every page gets: the API client of the signed-in key and what that key may do. */
export interface Session {
  readonly api: ApiClient;
  readonly me: TenantMe;
  /** True when the key holds `scope` (or `admin`, which implies every scope of its tenant). */
  can(scope: string): boolean;
}

/** The session of one key, from its `/api/tenants/me` reply. */
export function sessionOf(api: ApiClient, me: TenantMe): Session {
  return {
    api,
    me,
    can: (scope) => me.scopes.includes(scope) || me.scopes.includes("admin"),
  };
}
