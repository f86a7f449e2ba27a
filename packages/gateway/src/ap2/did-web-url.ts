const HOST = /^[A-Za-z0-9.-]+(?::[0-9]{1,5})?$/;
const PATH_SEGMENT = /^[A-Za-z0-9._~!$&'()*+,;=@%-]+$/;

/**
 * The URL of a did:web document (did:web spec §3.2): `did:web:example.com` →
 * `https://example.com/.well-known/did.json`, `did:web:example.com:users:alice` →
 * `https://example.com/users/alice/did.json`, a port written `%3A`. `undefined` for a malformed
 * DID. `http:` only with `allowInsecureHttp`, which exists for tests against 127.0.0.1.
 *
 * @example
 * didWebUrl("did:web:example.com%3A8443"); // "https://example.com:8443/.well-known/did.json"
 */
export function didWebUrl(did: string, allowInsecureHttp = false): string | undefined {
  const segments = did.slice("did:web:".length).split(":");
  const host = decodeHost(segments[0] ?? "");
  if (host === undefined) return undefined;
  const path = segments.slice(1);
  if (!path.every((segment) => PATH_SEGMENT.test(segment) && segment !== "." && segment !== "..")) {
    return undefined;
  }
  const scheme = allowInsecureHttp ? "http" : "https";
  const rest = path.length === 0 ? ".well-known" : path.join("/");
  return `${scheme}://${host}/${rest}/did.json`;
}

function decodeHost(segment: string): string | undefined {
  const host = segment.replace(/%3A/gi, ":");
  if (!HOST.test(host) || host.startsWith(".") || host.startsWith("-")) return undefined;
  const port = host.includes(":") ? Number(host.slice(host.indexOf(":") + 1)) : 443;
  return port > 0 && port <= 65535 ? host.toLowerCase() : undefined;
}
