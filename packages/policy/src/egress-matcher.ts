/** Decides whether a URL's host may be contacted. Compile once per policy. */
export interface EgressMatcher {
  readonly patterns: readonly string[];
  /** True when the URL parses and its host (and port / scheme when the pattern names them) is allowed. */
  isAllowed(url: string | URL): boolean;
}

interface HostRule {
  readonly scheme?: string;
  /** `undefined` matches any host. */
  readonly host?: string;
  readonly subdomainsOf?: string;
  readonly port?: string;
}

const DEFAULT_PORTS: Readonly<Record<string, string>> = {
  "http:": "80",
  "https:": "443",
  "ws:": "80",
  "wss:": "443",
};

/**
 * Compiles egress allowlist patterns: `api.example.com`, `*.example.com` (subdomains only),
 * `api.example.com:8443`, `https://api.example.com`, `*`. Matching uses the parsed URL's host,
 * never the raw string, so `https://api.example.com.evil.net` or `https://api.example.com@evil.net`
 * do not pass as `api.example.com`. Hosts compare case-insensitively.
 *
 * @example
 * compileEgressMatcher(["*.example.com"]).isAllowed("https://a.example.com/x"); // true
 */
export function compileEgressMatcher(patterns: readonly string[]): EgressMatcher {
  const rules = patterns.map(compileRule);
  return {
    patterns: [...patterns],
    isAllowed(url) {
      let parsed: URL;
      try {
        parsed = typeof url === "string" ? new URL(url) : url;
      } catch {
        return false;
      }
      const host = parsed.hostname.toLowerCase().replace(/\.$/, "");
      if (host.length === 0) return false;
      const port = parsed.port || DEFAULT_PORTS[parsed.protocol] || "";
      return rules.some((rule) => matches(rule, parsed.protocol, host, port));
    },
  };
}

function matches(rule: HostRule, scheme: string, host: string, port: string): boolean {
  if (rule.scheme !== undefined && rule.scheme !== scheme) return false;
  if (rule.port !== undefined && rule.port !== port) return false;
  if (rule.subdomainsOf !== undefined) return host.endsWith(`.${rule.subdomainsOf}`);
  return rule.host === undefined || rule.host === host;
}

function compileRule(raw: string): HostRule {
  let rest = raw.trim().toLowerCase();
  let scheme: string | undefined;
  const schemeMatch = /^([a-z][a-z0-9+.-]*):\/\//.exec(rest);
  if (schemeMatch) {
    scheme = `${schemeMatch[1]}:`;
    rest = rest.slice(schemeMatch[0].length);
  }
  rest = rest.split("/")[0] ?? "";
  let port: string | undefined;
  const portMatch = /:(\d+|\*)$/.exec(rest);
  if (portMatch && !rest.startsWith("[")) {
    port = portMatch[1] === "*" ? undefined : portMatch[1];
    rest = rest.slice(0, portMatch.index);
  } else if (rest.startsWith("[")) {
    const close = rest.indexOf("]");
    const tail = rest.slice(close + 1);
    if (tail.startsWith(":")) port = tail.slice(1);
    rest = rest.slice(0, close + 1);
  }
  rest = rest.replace(/\.$/, "");
  const base = { ...(scheme === undefined ? {} : { scheme }), ...(port === undefined ? {} : { port }) };
  if (rest === "*" || rest === "") return base;
  if (rest.startsWith("*.")) return { ...base, subdomainsOf: rest.slice(2) };
  return { ...base, host: rest };
}
