import type { BridgeEventType } from "@sec0/core/contracts";
import type { Queryable } from "../db/database.js";
import { isoOf } from "../escalations/escalation-row.js";
import type { BridgeView } from "./bridge-schemas.js";

/** A registration as stored (with its secret: for the delivery worker only). */
interface BridgeRow {
  id: string;
  name: string;
  url: string;
  bearer_token: string | null;
  event_types: BridgeEventType[] | null;
  created_at: Date | string;
  updated_at: Date | string;
}

/** What {@link putBridge} stores. */
export interface BridgeRegistration {
  readonly tenantId: string;
  readonly name: string;
  /** Already checked by `checkBridgeUrl`. */
  readonly url: string;
  readonly secret: string;
  readonly bearerToken: string | undefined;
  readonly eventTypes: readonly BridgeEventType[] | undefined;
}

const VIEW_COLUMNS = "id, name, url, bearer_token, event_types, created_at, updated_at";

/**
 * Creates or replaces the tenant's bridge `name` (its id, and so its pending deliveries, stay).
 * The secret is stored as given: it is needed to sign.
 *
 * @returns the bridge's view and whether it was created.
 */
export async function putBridge(
  db: Queryable,
  registration: BridgeRegistration,
  newId: string,
  now: number,
): Promise<{ view: BridgeView; created: boolean }> {
  const eventTypes = registration.eventTypes === undefined ? null : [...new Set(registration.eventTypes)];
  const { rows } = await db.query<BridgeRow & { inserted: boolean }>(
    `INSERT INTO bridges (id, tenant_id, name, url, secret, bearer_token, event_types, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)
     ON CONFLICT (tenant_id, name) DO UPDATE SET url = EXCLUDED.url, secret = EXCLUDED.secret,
       bearer_token = EXCLUDED.bearer_token, event_types = EXCLUDED.event_types, updated_at = EXCLUDED.updated_at
     RETURNING ${VIEW_COLUMNS}, (xmax = 0) AS inserted`,
    [
      newId,
      registration.tenantId,
      registration.name,
      registration.url,
      registration.secret,
      registration.bearerToken ?? null,
      eventTypes,
      new Date(now),
    ],
  );
  const row = rows[0] as BridgeRow & { inserted: boolean };
  return { view: toView(row), created: row.inserted };
}

/** The tenant's bridges by name, without secrets or tokens. */
export async function listBridges(db: Queryable, tenantId: string): Promise<BridgeView[]> {
  const { rows } = await db.query<BridgeRow>(
    `SELECT ${VIEW_COLUMNS} FROM bridges WHERE tenant_id = $1 ORDER BY name`,
    [tenantId],
  );
  return rows.map(toView);
}

/**
 * Deletes the tenant's bridge `name` and its pending deliveries.
 *
 * @returns false when the tenant has no such bridge.
 */
export async function deleteBridge(db: Queryable, tenantId: string, name: string): Promise<boolean> {
  const { rows } = await db.query<{ id: string }>(
    "DELETE FROM bridges WHERE tenant_id = $1 AND name = $2 RETURNING id",
    [tenantId, name],
  );
  return rows.length > 0;
}

function toView(row: BridgeRow): BridgeView {
  return {
    name: row.name,
    url: row.url,
    has_bearer_token: row.bearer_token !== null,
    event_types: row.event_types,
    created_at: isoOf(row.created_at) as string,
    updated_at: isoOf(row.updated_at) as string,
  };
}
