import { createApiClient } from "../api/api-client.js";
import type { ApiError } from "../api/api-error.js";
import { type Session, sessionOf, type TenantMe } from "./session.js";

/** What {@link signIn} needs besides the key. */
export interface SignInOptions {
  /** Called when a later call says the key is no longer valid (revoked, expired). */
  readonly onUnauthenticated: (error: ApiError) => void;
  readonly fetch?: typeof fetch;
}

/**
 * Checks a key against `GET /api/tenants/me` and returns its session.
 *
 * @throws {ApiError} `CP_API_KEY_INVALID` (and the other 401 codes) for a key the server refuses.
 */
export async function signIn(apiKey: string, options: SignInOptions): Promise<Session> {
  let signedIn = false;
  const api = createApiClient({
    apiKey,
    fetch: options.fetch,
    // A refusal of the sign-in call itself is the login form's error, not a sign-out.
    onUnauthenticated: (error) => {
      if (signedIn) options.onUnauthenticated(error);
    },
  });
  const me = await api.json<TenantMe>({ path: "/api/tenants/me" });
  signedIn = true;
  return sessionOf(api, me);
}
