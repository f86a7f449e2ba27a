// A control plane with a settable clock and helpers to create escalations and approver keys.
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import type { OpenedDatabase } from "../../__fixtures__/databases.js";
import { TEST_SIGNER } from "../../__fixtures__/test-app.js";
import { createControlPlane } from "../../app.js";
import type { ApiKeyScope } from "../../auth/scopes.js";
import { createApiKey } from "../../keys/create-api-key.js";
import { createTenant } from "../../keys/create-tenant.js";

/** A clock tests move by hand; starts at the wall clock. */
export interface TestClock {
  now(): number;
  advance(ms: number): void;
}

/** A clock that starts now and moves only when told. */
export function testClock(): TestClock {
  let at = Date.now();
  return { now: () => at, advance: (ms) => void (at += ms) };
}

/** The app on `opened.db` with `clock`. */
export async function buildClockedApp(opened: OpenedDatabase, clock: TestClock): Promise<FastifyInstance> {
  const app = createControlPlane({ db: opened.db, signer: TEST_SIGNER, clock });
  await app.ready();
  return app;
}

/** A key of `tenantId` (created if absent) with `scopes`, optionally for user `userId`. */
export async function keyWith(
  opened: OpenedDatabase,
  tenantId: string,
  scopes: readonly ApiKeyScope[],
  userId?: string,
): Promise<{ id: string; text: string }> {
  await createTenant(opened.db, { id: tenantId, name: tenantId }, { ifAbsent: true });
  return createApiKey(opened.db, { tenantId, label: "test", scopes, ...(userId === undefined ? {} : { userId }) });
}

/** `Authorization: Bearer <key>`. */
export const auth = (key: string) => ({ authorization: `Bearer ${key}` });

/** A body like guard's (`tool_ref`, `node_id`, `agent_ref`, `call_digest`, metadata). */
export function guardBody(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    content: "Policy escalated mcp://files/delete@1.0 due to fs_violation.",
    violation: "fs_violation",
    severity: "medium",
    tool_ref: "mcp://files/delete@1.0",
    node_id: "planner",
    agent_ref: "run-1",
    call_digest: "a".repeat(64),
    ttl_seconds: 600,
    timeout_action: "auto_reject",
    metadata: { source: "sec0", tool_ref: "mcp://files/delete@1.0" },
    ...extra,
  };
}

/** Creates an escalation with `key`; returns the reply body's escalation. */
export async function create(app: FastifyInstance, key: string, extra: Record<string, unknown> = {}) {
  const reply = await app.inject({ method: "POST", url: "/api/escalations", headers: auth(key), payload: guardBody(extra) });
  if (reply.statusCode !== 201) throw new Error(`create: ${reply.statusCode} ${reply.body}`);
  return reply.json().escalation as Record<string, unknown> & { id: string; status: string };
}

/** Votes `action` with `key`. */
export function vote(app: FastifyInstance, key: string, id: string, action: "approve" | "reject"): Promise<LightMyRequestResponse> {
  return app.inject({ method: "PUT", url: `/api/escalations/${id}`, headers: auth(key), payload: { action } });
}

/** The events of escalation `id` in the outbox, oldest first. */
export async function eventsOf(opened: OpenedDatabase, id: string) {
  const { rows } = await opened.db.query<{ event_type: string; payload: unknown }>(
    "SELECT event_type, payload FROM escalation_events WHERE escalation_id = $1 ORDER BY created_at, event_type",
    [id],
  );
  return rows.map((row) => ({ type: row.event_type, payload: typeof row.payload === "string" ? JSON.parse(row.payload) : row.payload }));
}
