/** DID methods accepted by default. */
export const DEFAULT_AP2_DID_METHODS: readonly string[] = ["key", "jwk", "web"];

/**
 * True when `issuer` is a DID of an allowed method and listed in `trustedIssuers` (exact match).
 * An empty list trusts nobody: sec0 fails closed. Checked before any DID is resolved, so an
 * untrusted mandate never makes the gateway fetch a did:web document.
 */
export function isTrustedIssuer(
  issuer: string,
  trustedIssuers: readonly string[],
  allowedMethods: readonly string[] = DEFAULT_AP2_DID_METHODS,
): boolean {
  const method = /^did:([a-z0-9]+):/.exec(issuer)?.[1];
  return method !== undefined && allowedMethods.includes(method) && trustedIssuers.includes(issuer);
}
