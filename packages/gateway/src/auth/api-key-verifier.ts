import { createHash, timingSafeEqual } from "node:crypto";
import type { ApiKeyEntry } from "./authenticator-options.js";
import { authConfigError } from "./gateway-auth-error.js";

/** An accepted API key's identity, without its digest. */
export interface ApiKeyIdentity {
  id: string;
  tenant: string;
  roles: string[];
}

/** Looks an API key up by constant-time digest comparison. */
export type ApiKeyVerifier = (key: string) => ApiKeyIdentity | undefined;

const SHA256_HEX = /^[0-9a-f]{64}$/i;

function compileEntry(entry: ApiKeyEntry, index: number): { digest: Buffer; identity: ApiKeyIdentity } {
  const field = `apiKeys[${index}]`;
  if (typeof entry.id !== "string" || entry.id === "")
    throw authConfigError(`${field}.id`, "must be a non-empty string.");
  if (typeof entry.sha256 !== "string" || !SHA256_HEX.test(entry.sha256)) {
    throw authConfigError(
      `${field}.sha256`,
      "must be the 64-character hex SHA-256 of the key (never the key itself).",
    );
  }
  if (typeof entry.tenant !== "string" || entry.tenant === "") {
    throw authConfigError(`${field}.tenant`, "must be a non-empty string.");
  }
  const roles = entry.roles ?? [];
  if (!roles.every((role) => typeof role === "string" && role !== "")) {
    throw authConfigError(`${field}.roles`, "must be non-empty strings.");
  }
  return {
    digest: Buffer.from(entry.sha256, "hex"),
    identity: { id: entry.id, tenant: entry.tenant, roles: [...roles] },
  };
}

/**
 * Compiles the configured API keys into a verifier. The presented key is hashed with SHA-256 and
 * compared against every configured digest with `crypto.timingSafeEqual`, without stopping at the
 * first match, so timing reveals neither the key nor which entry matched.
 *
 * @throws Sec0Error `GATEWAY_AUTH_CONFIG_INVALID` for a malformed entry, a repeated id or digest.
 * @example
 * const verify = createApiKeyVerifier([{ id: "ci", sha256: sha256Hex(key), tenant: "acme" }]);
 * verify(key)?.id; // "ci"
 */
export function createApiKeyVerifier(entries: ReadonlyArray<ApiKeyEntry>): ApiKeyVerifier {
  const compiled = entries.map(compileEntry);
  const ids = new Set(compiled.map((entry) => entry.identity.id));
  const digests = new Set(compiled.map((entry) => entry.digest.toString("hex")));
  if (ids.size !== compiled.length) throw authConfigError("apiKeys", "ids must be unique.");
  if (digests.size !== compiled.length) throw authConfigError("apiKeys", "each key must be configured once.");
  return (key) => {
    const presented = createHash("sha256").update(key, "utf8").digest();
    let match: ApiKeyIdentity | undefined;
    for (const entry of compiled) {
      if (timingSafeEqual(presented, entry.digest) && match === undefined) match = entry.identity;
    }
    return match === undefined ? undefined : { ...match, roles: [...match.roles] };
  };
}
