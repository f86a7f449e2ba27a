// A sec0 app whose hops take their policy from a control-plane stand-in on 127.0.0.1, and the
// stand-in's handler: validate-key, the policy (YAML, ETag) and escalations.
import { mkdtempSync } from "node:fs";
import type { ServerResponse } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RecordedRequest, TestHandler } from "@sec0/testkit";
import { replyJson } from "@sec0/testkit";
import { initializeSec0App } from "../../../config/index.js";

export const API_KEY = "sec0_hop_test_key_0123456789";

/** The hops of the control-plane tests. */
export const CP_HOPS: Readonly<Record<string, Record<string, unknown>>> = {
  "Planner.run": {
    type: "agent",
    nodeId: "planner",
    agentName: "planner",
    agentVersion: "1.0.0",
    enforcement: { mode: "enforce", refresh_ttl_ms: 5000 },
  },
  "Own.run": {
    type: "agent",
    nodeId: "own",
    agentName: "own",
    agentVersion: "1.0.0",
    enforcement: { deny_on: [], escalate_on: [] },
  },
  "OwnDeny.run": {
    type: "agent",
    nodeId: "own-deny",
    agentName: "own-deny",
    agentVersion: "1.0.0",
    enforcement: { deny_on: ["agent_state_invalid"], escalate_on: [] },
  },
  "Fallback.run": {
    type: "agent",
    nodeId: "fallback",
    agentName: "fallback",
    agentVersion: "1.0.0",
    enforcement: { deny_on: ["agent_state_invalid"], fallback_to_base: true },
  },
};

/** Initialises an app with {@link CP_HOPS} whose control plane is `baseUrl`. */
export function initControlPlaneApp(baseUrl: string, controlPlane: Record<string, unknown> = {}) {
  return initializeSec0App(
    {
      app: {
        tenant: "acme",
        environment: "dev",
        client: { name: "shop", version: "1.2.3" },
        hops: CP_HOPS,
      },
      auth: { sec0ApiKey: API_KEY },
      controlPlane: {
        apiBaseUrl: baseUrl,
        sec0Dir: ".sec0",
        localSignerPath: ".sec0/keys/ed25519.key",
        ...controlPlane,
      },
    },
    { cwd: mkdtempSync(join(tmpdir(), "sec0-hop-cp-")), env: {} },
  );
}

/** A policy document for tenant acme. */
export function policyYaml(lists: { denyOn?: string[]; escalateOn?: string[]; retention?: string }): string {
  return [
    "tenant: acme",
    ...(lists.retention === undefined ? [] : [`default_retention: ${lists.retention}`]),
    "enforcement:",
    `  deny_on: [${(lists.denyOn ?? []).join(", ")}]`,
    `  escalate_on: [${(lists.escalateOn ?? []).join(", ")}]`,
    "",
  ].join("\n");
}

/** What the stand-in serves. */
export interface StandIn {
  /** The base policy (YAML); node documents are 404. */
  policy: string;
  /** The verdict of every escalation. */
  verdict?: "approved" | "rejected" | "expired";
  /** The approval token of an approved escalation (default `apt_1`; `null`: none). */
  approvalToken?: string | null;
  /** Replaces the answer of the policy request. */
  policyReply?: (response: ServerResponse) => void;
  /** Replaces the answer of validate-key. */
  keyReply?: (response: ServerResponse) => void;
}

/** The control plane: validate-key, `GET /api/policy/acme` (ETag `"v1"`), escalations. */
export function controlPlaneHandler(standIn: StandIn): TestHandler {
  let created: { call_digest?: string } | undefined;
  let used = false;
  return (request: RecordedRequest, response: ServerResponse) => {
    if (request.method === "POST" && request.url === "/api/auth/validate-key") {
      if (standIn.keyReply !== undefined) return standIn.keyReply(response);
      return replyJson(response, 200, { tenant: "acme", env: "dev", clientName: "shop", clientVersion: "1" });
    }
    if (request.method === "GET" && request.url.startsWith("/api/policy/acme?")) {
      if (request.url.includes("nodeId=")) return replyJson(response, 404, { code: "NOT_FOUND" });
      if (standIn.policyReply !== undefined) return standIn.policyReply(response);
      if (request.headers["if-none-match"] === '"v1"') return void response.writeHead(304).end();
      return void response.writeHead(200, { "content-type": "text/yaml", etag: '"v1"' }).end(standIn.policy);
    }
    if (request.method === "POST" && request.url.startsWith("/api/escalations")) {
      created = JSON.parse(request.body) as { call_digest?: string };
      return replyJson(response, 201, { escalation: { id: "esc_7", status: "pending" } });
    }
    if (request.method === "GET" && request.url.startsWith("/api/escalations/esc_7")) {
      const token = standIn.approvalToken === undefined ? "apt_1" : standIn.approvalToken;
      const status = standIn.verdict ?? "approved";
      return replyJson(response, 200, {
        escalation: {
          id: "esc_7",
          status,
          finalization_reason: "by alice",
          ...(status === "approved" && token !== null ? { approval_token: token } : {}),
        },
      });
    }
    if (request.method === "POST" && request.url === "/api/compliance/approvals/verify") {
      // One use, bound to the call the escalation was created for.
      const body = JSON.parse(request.body) as { token?: string; context?: { call_digest?: string } };
      const bound = body.token === "apt_1" && body.context?.call_digest === created?.call_digest;
      const valid = bound && !used;
      used ||= valid;
      const invalid_reason = bound ? "already_used" : "call_mismatch";
      return replyJson(response, 200, valid ? { valid, approval: { id: "apr_1" } } : { valid, invalid_reason });
    }
    replyJson(response, 404, { code: "NOT_FOUND" });
  };
}

/** The requests for the base policy document. */
export function basePolicyRequests(requests: readonly RecordedRequest[]): RecordedRequest[] {
  return requests.filter((r) => r.url.startsWith("/api/policy/acme?") && !r.url.includes("nodeId="));
}
