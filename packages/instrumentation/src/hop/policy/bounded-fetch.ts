// A fetch for the control plane that a hostile or broken server cannot flood or confuse.
import { readBodyLimited, Sec0Error } from "@sec0/core";

/** The largest control-plane reply hops read (policies, escalations): 1 MiB. */
export const MAX_CONTROL_PLANE_REPLY_BYTES = 1024 * 1024;

/** Media types a control-plane reply may have: JSON (keys, escalations), YAML or text (policies). */
const ACCEPTED_TYPE = /^(application\/(json|yaml|x-yaml|problem\+json)|text\/(yaml|x-yaml|plain))\b/i;

/**
 * Wraps `base` so that a 2xx reply with a body of another media type (an HTML error page, a
 * captive portal) or one larger than `maxBytes` rejects with
 * `INSTRUMENTATION_CONTROL_PLANE_REPLY_REFUSED` (`details.why`) before it is parsed; the
 * control-plane client reports it as unreachable, so the hop fails closed.
 *
 * @throws {Sec0Error} `INSTRUMENTATION_CONTROL_PLANE_REPLY_REFUSED` (as the fetch's rejection).
 * @example
 * const client = createControlPlaneClient({ baseUrl, apiKey, fetch: createBoundedFetch() });
 */
export function createBoundedFetch(
  base: typeof fetch = (input, init) => globalThis.fetch(input, init),
  maxBytes: number = MAX_CONTROL_PLANE_REPLY_BYTES,
): typeof fetch {
  return async (input, init) => {
    const response = await base(input, init);
    if (!response.ok || response.body === null) return response;
    const type = response.headers.get("content-type");
    if (type !== null && !ACCEPTED_TYPE.test(type.trim())) {
      await response.body.cancel().catch(() => {});
      throw refused(`it came as ${type.slice(0, 80)}, not JSON or YAML`);
    }
    // One bounded reader for every surface: a declared length over the limit is refused unread.
    const body = await readBodyLimited(response, maxBytes);
    if (!body.ok) throw refused(`it is larger than ${maxBytes} bytes`);
    return new Response(body.bytes, { status: response.status, headers: response.headers });
  };
}

function refused(why: string): Sec0Error {
  return new Sec0Error(
    "INSTRUMENTATION_CONTROL_PLANE_REPLY_REFUSED",
    `sec0 refused the control plane's reply: ${why}. Check controlPlane.apiBaseUrl points at the sec0 control plane.`,
    { details: { why } },
  );
}
