// The app-level guard (`createSec0Guard` of @sec0/guard) against our own control plane, end to end
// over loopback HTTP: the tenant from the key, the policy from the control plane, escalations a
// human votes on through the HTTP API, approval tokens bound to the exact input and used once, a
// control plane that is down, slow or answers garbage (never an allow), and a signed audit log.
import { mkdtemp, readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { verifyAuditDir } from "@sec0/audit";
import { canonicalize, sha256Hex } from "@sec0/core";
import {
  createSec0Guard,
  GuardBlockedError,
  type GuardDecision,
  GuardEscalationAbortError,
  GuardEscalationError,
  GuardEscalationTimeoutError,
  type GuardInput,
  guardCallBinding,
  type Sec0GuardConfig,
} from "@sec0/guard";
import { LocalDevSigner } from "@sec0/signer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { createControlPlane } from "./app.js";
import type { Database } from "./db/database.js";
import { migrate } from "./db/migrate.js";
import { openPglite } from "./db/open-pglite.js";
import { bootstrapTenant } from "./keys/bootstrap-tenant.js";
import { createApiKey } from "./keys/create-api-key.js";

/** Tenant `acme`: egress outside the allowlist is denied. */
const DENY_POLICY = `tenant: acme
tools:
  allowlist: []
security:
  egress_allowlist: ["api.allowed.com"]
enforcement:
  deny_on: [egress_violation]
`;

/** Tenant `beta`: egress outside the allowlist needs a human. */
const ESCALATE_POLICY = `tenant: beta
tools:
  allowlist: []
security:
  egress_allowlist: ["api.allowed.com"]
enforcement:
  deny_on: [egress_violation]
  escalate_on: [egress_violation]
`;

const SIGNER = LocalDevSigner.fromSeed(new Uint8Array(32).fill(7));
const EVIL = "https://evil.example/path";
const ALLOWED = "https://api.allowed.com/x";

interface RunningPlane {
  readonly app: ReturnType<typeof createControlPlane>;
  readonly baseUrl: string;
  /** Stops it at once: stops listening and cuts open connections (an in-flight long-poll too). */
  down(): Promise<void>;
}

let db: Database;
let plane: RunningPlane;
const extraPlanes: RunningPlane[] = [];
/** Requester keys (`policy:read`, `escalation:create`) and voter keys (`escalation:vote`). */
const keys = { acme: "", beta: "", betaVoter: "" };
let runSeq = 0;

async function startPlane(): Promise<RunningPlane> {
  const app = createControlPlane({ db, signer: LocalDevSigner.fromSeed(new Uint8Array(32).fill(3)) });
  const baseUrl = (await app.listen({ port: 0, host: "127.0.0.1" })).replace(/\/$/, "");
  let closing: Promise<void> | undefined;
  const down = () => {
    // Fastify's close waits for in-flight requests, and a long-poll keeps waiting through it (see
    // the report); cutting the sockets is what "the control plane went down" looks like anyway.
    closing ??= app.close();
    app.server.closeAllConnections();
    return closing;
  };
  return { app, baseUrl, down };
}

async function putPolicy(baseUrl: string, tenant: string, admin: string, yaml: string): Promise<void> {
  const put = await fetch(`${baseUrl}/api/policy/${tenant}?level=middleware`, {
    method: "PUT",
    headers: { authorization: `Bearer ${admin}`, "content-type": "text/yaml" },
    body: yaml,
  });
  expect(put.status).toBe(201);
}

beforeAll(async () => {
  db = await openPglite(undefined);
  await migrate(db);
  const acmeAdmin = await bootstrapTenant(db, { tenantId: "acme", name: "Acme" });
  const betaAdmin = await bootstrapTenant(db, { tenantId: "beta", name: "Beta" });
  plane = await startPlane();
  await putPolicy(plane.baseUrl, "acme", acmeAdmin, DENY_POLICY);
  await putPolicy(plane.baseUrl, "beta", betaAdmin, ESCALATE_POLICY);
  const requester = (tenantId: string) =>
    createApiKey(db, { tenantId, label: "app", scopes: ["policy:read", "escalation:create"] });
  keys.acme = (await requester("acme")).text;
  keys.beta = (await requester("beta")).text;
  keys.betaVoter = (
    await createApiKey(db, { tenantId: "beta", label: "dana", scopes: ["escalation:vote"], userId: "dana" })
  ).text;
});

afterAll(async () => {
  for (const extra of extraPlanes) await extra.down().catch(() => {});
  await plane?.down();
  await db?.close();
});

const auditDir = () => mkdtemp(join(tmpdir(), "sec0-guard-e2e-"));

/** A dashboard guard (tenant from the key) with short timeouts and a temp audit dir. */
async function dashboardGuard(
  apiKey: string,
  options: {
    baseUrl?: string;
    remote?: Record<string, unknown>;
    escalation?: Sec0GuardConfig["escalation"];
    hooks?: Sec0GuardConfig["hooks"];
    dir?: string;
  } = {},
) {
  return createSec0Guard({
    mode: "dashboard",
    provider: {
      remote: {
        auth: { apiKey },
        controlPlaneUrl: options.baseUrl ?? plane.baseUrl,
        source: { level: "middleware", scope: "base" },
        timeoutMs: 2000,
        ...options.remote,
      },
    },
    escalation: {
      timeoutMs: 10_000,
      pollIntervalMs: 100,
      maxRetries: 1,
      retryBackoffMs: 50,
      controlPlaneTimeoutMs: 2000,
      ...options.escalation,
    },
    ...(options.hooks === undefined ? {} : { hooks: options.hooks }),
    audit: { dir: options.dir ?? (await auditDir()), signer: SIGNER },
  });
}

/** An `api_call` input with a fresh run id, so every escalation is its own. */
function apiCall(target: string, content: unknown = { amount: 5 }): GuardInput {
  runSeq += 1;
  return {
    kind: "api_call",
    target,
    content,
    context: { nodeId: "planner", runId: `run-${runSeq}`, tags: ["e2e"] },
  };
}

async function vote(baseUrl: string, id: string, action: "approve" | "reject"): Promise<number> {
  const reply = await fetch(`${baseUrl}/api/escalations/${id}`, {
    method: "PUT",
    headers: { authorization: `Bearer ${keys.betaVoter}`, "content-type": "application/json" },
    body: JSON.stringify({ action, actor_id: "dana" }),
  });
  return reply.status;
}

async function verifyToken(
  apiKey: string,
  token: string,
  input: GuardInput,
  callDigest: string,
): Promise<{ valid: boolean; invalid_reason?: string }> {
  const reply = await fetch(`${plane.baseUrl}/api/compliance/approvals/verify`, {
    method: "POST",
    headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
    body: JSON.stringify({
      token,
      context: {
        tool_ref: `guard:${input.kind}:${input.target}`,
        call_digest: callDigest,
        node_id: input.context?.nodeId,
        agent_ref: input.context?.runId,
      },
    }),
  });
  expect(reply.status).toBe(200);
  return (await reply.json()) as { valid: boolean; invalid_reason?: string };
}

/** A port nothing listens on (bound, then released). */
describe("dashboard guard: policy from the control plane", () => {
  it("blocks egress outside the allowlist and allows inside it, tenant discovered from the key", async () => {
    const guard = await dashboardGuard(keys.acme);
    const blocked = await guard.check(apiCall(EVIL));
    expect(blocked).toMatchObject({
      outcome: "block",
      shouldProceed: false,
      reason: "egress_violation",
      provider: { mode: "dashboard", source: "remote" },
    });
    expect(blocked.provider.policyHash).toBe(sha256Hex(canonicalize(parseYaml(DENY_POLICY))));
    const allowed = await guard.check(apiCall(ALLOWED));
    expect(allowed).toMatchObject({ outcome: "allow", shouldProceed: true, provider: { source: "remote" } });
    expect(allowed.provider.policyHash).toBe(blocked.provider.policyHash);
    let runs = 0;
    await expect(guard.execute(apiCall(EVIL), () => ++runs)).rejects.toBeInstanceOf(GuardBlockedError);
    await expect(guard.execute(apiCall(ALLOWED), () => ++runs)).resolves.toBe(1);
    await guard.close();
  });
});

describe("dashboard guard: escalations voted on through the HTTP API", () => {
  it("waits, runs the action exactly once after an approval, and fires the hooks", async () => {
    const events: string[] = [];
    let voted: Promise<number> | undefined;
    const guard = await dashboardGuard(keys.beta, {
      hooks: {
        onEscalationRequested: ({ created }) => {
          events.push(`requested ${created.status}`);
          voted = delay(150).then(() => vote(plane.baseUrl, created.id, "approve"));
        },
        onEscalationResolved: ({ resolution }) => void events.push(`resolved ${resolution.status}`),
      },
    });
    let runs = 0;
    const seen: GuardDecision[] = [];
    const result = await guard.execute(apiCall(EVIL), (_input, decision) => {
      runs += 1;
      seen.push(decision);
      return "sent";
    });
    expect(result).toBe("sent");
    expect(runs).toBe(1);
    expect(await voted).toBe(200);
    expect(seen[0]).toMatchObject({
      outcome: "escalate",
      shouldProceed: true,
      escalation: { status: "approved" },
    });
    expect(seen[0]?.escalation?.escalationId).toMatch(/^esc_/);
    expect(events).toEqual(["requested pending", "resolved approved"]);
    await guard.close();
  });

  it("blocks a rejected escalation (GuardBlockedError, or onBlock's value) and runs nothing", async () => {
    const guard = await dashboardGuard(keys.beta, {
      hooks: {
        onEscalationRequested: ({ created }) =>
          void delay(100).then(() => vote(plane.baseUrl, created.id, "reject")),
      },
    });
    let runs = 0;
    const error = await guard.execute(apiCall(EVIL), () => ++runs).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GuardBlockedError);
    expect((error as GuardBlockedError).details).toMatchObject({ escalationStatus: "rejected" });
    const handled = await guard.execute(apiCall(EVIL), () => ++runs, {
      onBlock: (decision) => `blocked: ${decision.escalation?.status}`,
    });
    expect(handled).toBe("blocked: rejected");
    expect(runs).toBe(0);
    await guard.close();
  });

  it("returns the pending decision without waiting, and waitForResolution reads the verdict later", async () => {
    const guard = await dashboardGuard(keys.beta);
    let runs = 0;
    const pending = await guard.execute(apiCall(EVIL), () => ++runs, { waitForEscalation: false });
    expect(runs).toBe(0);
    const { decision } = pending as { decision: GuardDecision };
    expect(decision).toMatchObject({
      outcome: "escalate",
      escalation: { waitForResolution: false, status: "pending" },
    });
    const id = decision.escalation?.escalationId as string;
    expect(id).toMatch(/^esc_/);
    expect(await vote(plane.baseUrl, id, "reject")).toBe(200);
    await expect(guard.waitForResolution(id, { timeoutMs: 2000 })).resolves.toMatchObject({
      status: "rejected",
    });
    expect(runs).toBe(0);
    await guard.close();
  });

  it("aborts the wait through the AbortSignal (GuardEscalationAbortError), nothing run", async () => {
    const controller = new AbortController();
    const guard = await dashboardGuard(keys.beta, {
      hooks: { onEscalationRequested: () => void setTimeout(() => controller.abort(), 150) },
    });
    let runs = 0;
    const started = Date.now();
    await expect(
      guard.execute(apiCall(EVIL), () => ++runs, { signal: controller.signal }),
    ).rejects.toBeInstanceOf(GuardEscalationAbortError);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(runs).toBe(0);
    await guard.close();
  });

  it("times out when nobody votes (GuardEscalationTimeoutError), nothing run", async () => {
    const guard = await dashboardGuard(keys.beta, { escalation: { timeoutMs: 1500 } });
    let runs = 0;
    const started = Date.now();
    await expect(guard.execute(apiCall(EVIL), () => ++runs)).rejects.toBeInstanceOf(
      GuardEscalationTimeoutError,
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(1400);
    expect(runs).toBe(0);
    await guard.close();
  });
});

describe("approval tokens: bound to the exact input, one use", () => {
  it("refuses the token for other content, and the guard's own use consumes it", async () => {
    const input = apiCall(EVIL, { amount: 5, to: "acct-1" });
    const other = guardCallBinding({ ...input, content: { amount: 5000, to: "acct-666" } }, EVIL);
    const right = guardCallBinding(input, EVIL);
    expect(other.toolRef).toBe(right.toolRef);
    expect(other.callDigest).not.toBe(right.callDigest);
    let token: string | undefined;
    let mismatch: { valid: boolean; invalid_reason?: string } | undefined;
    // Sees the requester's read of the approved escalation (which carries the token) before the
    // guard does, and tries the token for different content first.
    const spyFetch: typeof fetch = async (request, init) => {
      const response = await fetch(request, init);
      const url = request instanceof Request ? request.url : String(request);
      if ((init?.method ?? "GET") === "GET" && url.includes("/api/escalations/") && response.ok) {
        const body = (await response.clone().json()) as { escalation?: { approval_token?: string } };
        const seen = body.escalation?.approval_token;
        if (typeof seen === "string" && token === undefined) {
          token = seen;
          mismatch = await verifyToken(keys.beta, seen, input, other.callDigest);
        }
      }
      return response;
    };
    const guard = await dashboardGuard(keys.beta, {
      remote: { fetch: spyFetch },
      hooks: {
        onEscalationRequested: ({ created }) =>
          void delay(100).then(() => vote(plane.baseUrl, created.id, "approve")),
      },
    });
    let runs = 0;
    await expect(guard.execute(input, () => ++runs)).resolves.toBe(1);
    expect(token).toMatch(/\S/);
    expect(mismatch).toEqual({ valid: false, invalid_reason: "call_mismatch" });
    // The guard verified (and so consumed) it: the right digest is refused now.
    expect(await verifyToken(keys.beta, token as string, input, right.callDigest)).toEqual({
      valid: false,
      invalid_reason: "already_used",
    });
    expect(runs).toBe(1);
    await guard.close();
  });
});

// Down, slow and garbage-answering control planes (and the hybrid fallback) are covered against
// a stand-in server in packages/guard/src/app-guard/remote-and-hybrid.test.ts; here, the real one
// going away under a running guard.
describe("the real control plane going away never allows", () => {
  it("(e) the control plane goes away: the last good policy stays, marked remote-cache", async () => {
    const second = await startPlane();
    extraPlanes.push(second);
    const guard = await dashboardGuard(keys.acme, {
      baseUrl: second.baseUrl,
      remote: { refreshIntervalMs: 1000, timeoutMs: 500 },
    });
    const first = await guard.check(apiCall(EVIL));
    expect(first).toMatchObject({ outcome: "block", provider: { source: "remote" } });
    await second.down();
    await delay(1100);
    let later = await guard.check(apiCall(EVIL)); // starts the background refresh
    for (let i = 0; i < 30 && later.provider.source !== "remote-cache"; i += 1) {
      await delay(100);
      later = await guard.check(apiCall(EVIL));
    }
    expect(later).toMatchObject({
      outcome: "block",
      reason: "egress_violation",
      provider: { source: "remote-cache" },
    });
    expect(later.provider.policyHash).toBe(first.provider.policyHash);
    expect(later.provider.fallbackReason).toMatch(/\S/);
    await expect(guard.check(apiCall(ALLOWED))).resolves.toMatchObject({
      outcome: "allow",
      provider: { source: "remote-cache" },
    });
    await guard.close();
  });

  it("(f) the control plane goes down mid-wait: GuardEscalationError after the retries, nothing run", async () => {
    const third = await startPlane();
    extraPlanes.push(third);
    const errors: string[] = [];
    const guard = await dashboardGuard(keys.beta, {
      baseUrl: third.baseUrl,
      hooks: {
        onEscalationRequested: () => void delay(200).then(() => third.down()),
        onEscalationError: ({ stage }) => void errors.push(stage),
      },
    });
    let runs = 0;
    const error = await guard.execute(apiCall(EVIL), () => ++runs).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GuardEscalationError);
    expect((error as GuardEscalationError).details).toMatchObject({ stage: "wait" });
    expect(errors).toEqual(["wait"]);
    expect(runs).toBe(0);
    await guard.close();
  });
});

describe("the guard's audit log", () => {
  it("is signed, intact, and records kind, outcome, policy hash and provider source", async () => {
    const dir = await auditDir();
    const guard = await dashboardGuard(keys.acme, { dir });
    const blocked = await guard.check(apiCall(EVIL));
    await guard.check(apiCall(ALLOWED));
    await guard.check({
      kind: "message_outbound",
      target: "slack:ops",
      content: "hello",
      context: { nodeId: "planner" },
    });
    await guard.close();

    const report = await verifyAuditDir(dir, { publicKey: SIGNER.publicKey });
    expect(report.problem).toBeUndefined();
    expect(report.status).toBe("valid");
    const lines: Record<string, unknown>[] = [];
    for (const name of (await readdir(dir)).filter((file) => file.endsWith(".ndjson")).sort()) {
      const text = await readFile(join(dir, name), "utf8");
      for (const line of text.split("\n").filter((l) => l.trim() !== "")) lines.push(JSON.parse(line));
    }
    const records = lines.filter((line) => line.node_type === "guard");
    expect(records).toHaveLength(3);
    for (const record of records) {
      expect(record).toMatchObject({
        node_type: "guard",
        policy_hash: blocked.provider.policyHash,
        provider: { source: "remote" },
      });
      expect(record.sig).toMatch(/^ed25519:/);
    }
    expect(records.map((r) => [r.guard_kind, r.outcome])).toEqual([
      ["api_call", "block"],
      ["api_call", "allow"],
      ["message_outbound", "allow"],
    ]);
    expect(records[0]).toMatchObject({ target: EVIL, decision_reason: "egress_violation", tenant: "acme" });
    expect(JSON.stringify(records)).not.toContain("amount");
  });
});
