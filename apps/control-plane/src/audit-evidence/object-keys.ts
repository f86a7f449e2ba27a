import type { UploadUrlRequest } from "@sec0/core/contracts";
import { httpError } from "../errors.js";
import { assertObjectKey } from "./object-store.js";

/** What an upload token lets its holder write: the mode, the key asked for, the object written. */
export interface UploadTarget {
  readonly mode: "audit" | "raw" | "scan";
  /** The key the client sent (scan: the key assigned). */
  readonly requestedKey: string;
  /** The object the bytes go to: for audit, the day log every delta of that day appends to. */
  readonly objectKey: string;
}

const SEGMENT = "[^/]+";
const AUDIT_UPLOAD_KEY = new RegExp(
  `^(tenants/${SEGMENT}/${SEGMENT}/clients/${SEGMENT}/${SEGMENT}/ingest/(\\d{4}-\\d{2}-\\d{2}))/audit-\\2(?:-[^/]*)?\\.ndjson$`,
);

/**
 * The day-log object of an audit key: an upload key as 0.2.3 sends it
 * (`tenants/<t>/<env>/clients/<name>/<ver>/ingest/<date>/audit-<date>-<ts>-<hex>.ndjson`) or the
 * log key itself (`…/ingest/<date>/audit-<date>.ndjson`); `undefined` when it is neither.
 */
export function auditLogKeyOf(key: string): string | undefined {
  const match = AUDIT_UPLOAD_KEY.exec(key);
  if (match === null) return undefined;
  return `${match[1]}/audit-${match[2]}.ndjson`;
}

/** The prefix every object of one client lives under. */
function clientPrefix(tenant: string, env: string, clientName: string, clientVersion: string): string {
  return `tenants/${tenant}/${env}/clients/${clientName}/${clientVersion}/`;
}

/**
 * Where an upload-url request may write. The key must sit under the caller's own
 * tenant/env/client/version prefix (audit: a day-log key, raw: under `raw/`); a scan upload gets
 * `tenants/<tenant>/scans/<kind>/<scanId>.json`.
 *
 * @throws `CP_REQUEST_INVALID` for a key outside that layout.
 */
export function uploadTargetOf(request: UploadUrlRequest, tenantId: string): UploadTarget {
  if (request.mode === "scan") {
    const key = `tenants/${tenantId}/scans/${request.scanKind}/${request.scanId}.json`;
    assertObjectKey(key);
    return { mode: "scan", requestedKey: key, objectKey: key };
  }
  assertObjectKey(request.key);
  for (const part of [request.env, request.clientName, request.clientVersion]) {
    if (part.includes("/") || part === "." || part === "..") {
      throw httpError("CP_REQUEST_INVALID", "env, clientName and clientVersion must not contain '/'.");
    }
  }
  const prefix = clientPrefix(tenantId, request.env, request.clientName, request.clientVersion);
  if (!request.key.startsWith(prefix)) {
    throw httpError("CP_REQUEST_INVALID", `The key must start with ${prefix}.`, { prefix });
  }
  if (request.mode === "raw") {
    if (!request.key.startsWith(`${prefix}raw/`) || !request.key.endsWith(".ndjson")) {
      throw httpError("CP_REQUEST_INVALID", `A raw upload key must be ${prefix}raw/…/<name>.ndjson.`);
    }
    return { mode: "raw", requestedKey: request.key, objectKey: request.key };
  }
  const logKey = auditLogKeyOf(request.key);
  if (logKey === undefined) {
    throw httpError(
      "CP_REQUEST_INVALID",
      `An audit upload key must be ${prefix}ingest/<date>/audit-<date>-<stamp>.ndjson.`,
    );
  }
  return { mode: "audit", requestedKey: request.key, objectKey: logKey };
}
