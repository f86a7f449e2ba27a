import { CONTROL_PLANE_PATHS, type EscalationRecord, EscalationResponseSchema } from "@sec0/core/contracts";
import {
  type ControlPlaneClient,
  controlPlaneUrl,
  createControlPlaneClient,
  parseControlPlaneReply,
} from "@sec0/core/control-plane";
import type { Verdict } from "../platforms/platform.js";

/** An escalation as the control plane returns it, with the members a card shows. */
export type EscalationView = EscalationRecord & {
  readonly content?: string | null;
  readonly severity?: string | null;
  readonly tool_ref?: string | null;
  readonly call_digest?: string | null;
  readonly node_id?: string | null;
  readonly agent_ref?: string | null;
  readonly rule_id?: string | null;
  readonly message?: string | null;
  readonly approvals?: number | null;
  readonly rejections?: number | null;
  readonly min_approvals?: number | null;
};

/** The outcome of a vote, as the control plane decided it. */
export type VoteResult =
  | { readonly kind: "recorded"; readonly escalation: EscalationView }
  | { readonly kind: "final" }
  | { readonly kind: "duplicate" }
  | { readonly kind: "not_found" };

/** The control plane as the bridge uses it: read an escalation, record a vote, per tenant. */
export interface BridgeControlPlane {
  read(tenant: string, id: string): Promise<EscalationView | undefined>;
  vote(
    tenant: string,
    id: string,
    vote: { verdict: Verdict; approverId: string; actorId: string; notes?: string },
  ): Promise<VoteResult>;
}

/**
 * One control-plane client per tenant, each with that tenant's key (scope `escalation:vote_for`):
 * `GET /api/escalations/{id}` and `PUT /api/escalations/{id}` with `approver_id` and `actor_id`.
 * Quorum, roles, veto and expiry are decided there, once.
 *
 * @throws {Sec0Error} `CORE_CONTROL_PLANE_*` from `read` and `vote` when it does not answer.
 */
export function createBridgeControlPlane(options: {
  readonly baseUrl: string;
  readonly keys: ReadonlyMap<string, string>;
  readonly timeoutMs: number;
  readonly fetch?: typeof fetch;
}): BridgeControlPlane {
  const clients = new Map<string, ControlPlaneClient>();
  const clientOf = (tenant: string): ControlPlaneClient => {
    let client = clients.get(tenant);
    if (client === undefined) {
      const apiKey = options.keys.get(tenant);
      if (apiKey === undefined) throw new Error(`No control-plane key for tenant ${tenant}.`);
      client = createControlPlaneClient({
        baseUrl: options.baseUrl,
        apiKey,
        timeoutMs: options.timeoutMs,
        retries: 1,
        fetch: options.fetch,
      });
      clients.set(tenant, client);
    }
    return client;
  };
  const path = (id: string) => CONTROL_PLANE_PATHS.escalation.replace(":id", encodeURIComponent(id));
  const parse = (
    client: ControlPlaneClient,
    method: "GET" | "PUT",
    id: string,
    response: Awaited<ReturnType<ControlPlaneClient["request"]>>,
  ) =>
    parseControlPlaneReply(response, EscalationResponseSchema, {
      url: controlPlaneUrl(client.baseUrl, path(id)),
      method,
    }).escalation as EscalationView;
  return {
    async read(tenant, id) {
      const client = clientOf(tenant);
      const response = await client.request({ method: "GET", path: path(id), acceptStatuses: [404] });
      if (response.status === 404) return undefined;
      return parse(client, "GET", id, response);
    },
    async vote(tenant, id, vote) {
      const client = clientOf(tenant);
      const response = await client.request({
        method: "PUT",
        path: path(id),
        body: {
          action: vote.verdict,
          approver_id: vote.approverId,
          actor_id: vote.actorId,
          ...(vote.notes === undefined ? {} : { notes: vote.notes }),
        },
        // A vote is not idempotent: never resent after a timeout (the presser can press again).
        retries: 0,
        acceptStatuses: [404, 409],
      });
      if (response.status === 404) return { kind: "not_found" };
      if (response.status === 409)
        return { kind: codeOf(response.text) === "CP_VOTE_DUPLICATE" ? "duplicate" : "final" };
      return { kind: "recorded", escalation: parse(client, "PUT", id, response) };
    },
  };
}

function codeOf(text: string): string | undefined {
  try {
    const code = (JSON.parse(text) as { code?: unknown }).code;
    return typeof code === "string" ? code : undefined;
  } catch {
    return undefined;
  }
}
