import type { ApiClient } from "../api/api-client.js";
import { filenameFromDisposition } from "./filename-from-disposition.js";
import type { RecordQuery } from "./record-query.js";

/** The name of an export whose reply names no file. */
export const DEFAULT_EXPORT_NAME = "sec0-audit.ndjson";

/** What one export saved. */
export interface SavedExport {
  readonly filename: string;
  readonly bytes: number;
}

/**
 * Fetches `GET /api/audit/records/export` for `query` and hands the NDJSON (the stored lines,
 * byte for byte) to the browser as a download named by the reply's `content-disposition`.
 *
 * @throws {ApiError} `CP_SCOPE_MISSING` without `audit:read`, `CP_REQUEST_INVALID` for a bad filter.
 * @example
 * const saved = await downloadExport(session.api, { run: "run-1" });
 */
export async function downloadExport(
  api: ApiClient,
  query: RecordQuery,
  signal?: AbortSignal,
): Promise<SavedExport> {
  const response = await api.raw({
    path: "/api/audit/records/export",
    query,
    headers: { accept: "application/x-ndjson, application/problem+json" },
    signal,
  });
  const blob = await response.blob();
  const filename = filenameFromDisposition(response.headers.get("content-disposition"), DEFAULT_EXPORT_NAME);
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later, not at once: some browsers start reading the blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return { filename, bytes: blob.size };
}
