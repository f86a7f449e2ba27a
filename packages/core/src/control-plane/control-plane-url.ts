import { Sec0Error } from "../errors.js";

/** Query parameters of a control-plane request; `undefined` members are left out. */
export type ControlPlaneQuery = Readonly<Record<string, string | undefined>>;

/**
 * The URL of `path` under `baseUrl`, keeping a path prefix of the base (`https://x/cp` + `/api/a`
 * → `https://x/cp/api/a`). An empty `path` is the base URL itself.
 *
 * @throws {Sec0Error} `CORE_CONTROL_PLANE_CONFIG_INVALID` when `baseUrl` is not an http(s) URL.
 * @example
 * controlPlaneUrl("https://api.sec0.ai/", "/api/policy/acme", { level: "middleware" });
 * // "https://api.sec0.ai/api/policy/acme?level=middleware"
 */
export function controlPlaneUrl(baseUrl: string, path: string, query: ControlPlaneQuery = {}): string {
  const url = parseBaseUrl(baseUrl);
  const [pathname = "", search = ""] = path.split("?", 2);
  if (pathname !== "") url.pathname = `${url.pathname.replace(/\/+$/, "")}${pathname}`;
  if (search !== "") url.search = search;
  for (const [name, value] of Object.entries(query))
    if (value !== undefined) url.searchParams.set(name, value);
  return url.toString();
}

/**
 * A URL safe to show in a message or `details`: origin and path, without credentials or query.
 *
 * @example
 * redactUrl("https://user:pw@cp.example/api/x?token=1"); // "https://cp.example/api/x"
 */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return "(invalid URL)";
  }
}

function parseBaseUrl(baseUrl: string): URL {
  let url: URL | undefined;
  try {
    url = new URL(baseUrl);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== "http:" && url.protocol !== "https:")) {
    throw new Sec0Error(
      "CORE_CONTROL_PLANE_CONFIG_INVALID",
      "The control-plane baseUrl must be an http(s) URL such as https://api.sec0.ai.",
      { details: { field: "baseUrl" } },
    );
  }
  url.search = "";
  url.hash = "";
  return url;
}
