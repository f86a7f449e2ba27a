import { createHmac } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { secretEquals } from "../secrets/secret-equals.js";
import { LOCAL_COOKIE, LOCAL_CSRF_HEADER } from "./local-config.js";

/** Why a local request was let in, or why not. */
export type LocalAuth =
  | { readonly kind: "ok"; readonly via: "bearer" | "cookie" }
  | { readonly kind: "unauthorized" }
  | { readonly kind: "csrf" };

/**
 * The value of the `sec0_local` cookie for `token`: an HMAC of it, so the browser's cookie jar
 * never holds the token itself.
 */
export function localSessionValue(token: string): string {
  return createHmac("sha256", token).update("sec0-local-session-v1").digest("base64url");
}

/**
 * Checks one request to the local page's API: `Authorization: Bearer <token>`, or the
 * `sec0_local` cookie (both compared in constant time). A state-changing request authenticated by
 * the cookie alone must also carry `x-sec0-local: 1` (CSRF); a Bearer request need not.
 *
 * @example
 * authenticateLocal({ method: "GET", headers: { authorization: "Bearer t" } }, "t"); // { kind: "ok", via: "bearer" }
 */
export function authenticateLocal(
  request: { readonly method: string; readonly headers: IncomingHttpHeaders },
  token: string,
): LocalAuth {
  const authorization = request.headers.authorization;
  if (typeof authorization === "string" && /^Bearer /i.test(authorization)) {
    return secretEquals(authorization.slice("Bearer ".length).trim(), token)
      ? { kind: "ok", via: "bearer" }
      : { kind: "unauthorized" };
  }
  if (!hasLocalSession(request.headers, token)) return { kind: "unauthorized" };
  const safe = request.method === "GET" || request.method === "HEAD";
  if (!safe && request.headers[LOCAL_CSRF_HEADER] !== "1") return { kind: "csrf" };
  return { kind: "ok", via: "cookie" };
}

/** True when the request carries a valid `sec0_local` cookie for `token`. */
export function hasLocalSession(headers: IncomingHttpHeaders, token: string): boolean {
  return secretEquals(readCookie(headers.cookie, LOCAL_COOKIE), localSessionValue(token));
}

function readCookie(header: string | undefined, name: string): string | undefined {
  if (header === undefined) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
