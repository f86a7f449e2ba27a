import { Sec0Error } from "../errors.js";
import { redactUrl } from "./control-plane-url.js";

/** Where a tenant-bearing reply came from, for the error. */
export interface TenantReplyOrigin {
  /** The request URL; only origin and path are kept. */
  readonly url: string;
  /** What the reply was: `policy`, `discover`, `validate-key`. */
  readonly reply: string;
}

/**
 * Checks that the tenant a control-plane reply names is the tenant that was asked for. A reply for
 * another tenant (a misrouted base URL, a shared proxy, a key of another tenant) must never be
 * used: its policy would govern the wrong agent. A reply that names no tenant passes.
 *
 * @throws {Sec0Error} `CORE_CONTROL_PLANE_TENANT_MISMATCH` with `requested`, `returned`, `reply`
 *   and `url` (no query) in `details`.
 * @example
 * assertControlPlaneTenant("acme", reply.tenant, { url, reply: "validate-key" });
 */
export function assertControlPlaneTenant(
  requested: string,
  returned: string | undefined,
  origin: TenantReplyOrigin,
): void {
  if (returned === undefined || returned === requested) return;
  const url = redactUrl(origin.url);
  throw new Sec0Error(
    "CORE_CONTROL_PLANE_TENANT_MISMATCH",
    `The control plane at ${url} answered the ${origin.reply} request for tenant "${requested}" with tenant ` +
      `"${returned}"; the reply is not used. Check the control-plane URL (SEC0_CONTROL_PLANE_URL or the ` +
      "controlPlaneUrl option), the tenant and that the API key belongs to that tenant.",
    { details: { requested, returned, reply: origin.reply, url } },
  );
}
