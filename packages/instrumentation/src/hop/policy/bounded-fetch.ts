// A fetch for the control plane that a hostile or broken server cannot flood or confuse.
import { Sec0Error } from "@sec0/core";

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
    const declared = Number(response.headers.get("content-length") ?? Number.NaN);
    if (declared > maxBytes) {
      await response.body.cancel().catch(() => {});
      throw refused(`it announced ${declared} bytes, more than ${maxBytes}`);
    }
    const bytes = await readAtMost(response.body, maxBytes);
    return new Response(bytes, { status: response.status, headers: response.headers });
  };
}

async function readAtMost(body: ReadableStream<Uint8Array>, maxBytes: number): Promise<Uint8Array> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw refused(`it is larger than ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

function refused(why: string): Sec0Error {
  return new Sec0Error(
    "INSTRUMENTATION_CONTROL_PLANE_REPLY_REFUSED",
    `sec0 refused the control plane's reply: ${why}. Check controlPlane.apiBaseUrl points at the sec0 control plane.`,
    { details: { why } },
  );
}
