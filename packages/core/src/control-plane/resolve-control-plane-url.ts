/** Default control plane when neither options nor `SEC0_CONTROL_PLANE_URL` name one (0.2.3's default). */
export const DEFAULT_CONTROL_PLANE_URL = "https://api.sec0.ai";

/**
 * The control-plane base URL: the option, then `SEC0_CONTROL_PLANE_URL`, then the default, without
 * trailing slashes. Generic variables (`API_BASE_URL`, `CONTROL_PLANE_URL`) are never read: the
 * API key goes as a Bearer token to this URL, and another program's variable must not send it to
 * an unrelated host.
 *
 * @example
 * resolveControlPlaneUrl({ env: { SEC0_CONTROL_PLANE_URL: "http://127.0.0.1:8700/" } }); // "http://127.0.0.1:8700"
 */
export function resolveControlPlaneUrl(options: {
  readonly controlPlaneUrl?: string | undefined;
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
}): string {
  const env = options.env ?? process.env;
  const url = options.controlPlaneUrl ?? env.SEC0_CONTROL_PLANE_URL ?? DEFAULT_CONTROL_PLANE_URL;
  return url.replace(/\/+$/, "");
}
