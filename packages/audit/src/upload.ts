import { randomBytes } from "node:crypto";
import { open } from "node:fs/promises";
import { join } from "node:path";
import { type Clock, Sec0Error, systemClock } from "@sec0/core";
import {
  type ControlPlaneClient,
  controlPlaneFailureOf,
  createControlPlaneClient,
} from "@sec0/core/control-plane";
import { dayFileName } from "./day-file.js";
import { readPresignState, writePresignState } from "./presign-state.js";

/** 0.2.3's presigned-upload settings. Tenant, environment and client are required here. */
export interface PresignConfig {
  /** Control-plane base URL; default `https://api.sec0.ai`. */
  readonly apiBaseUrl?: string;
  /** Sent verbatim as `Authorization` (normally `Bearer <key>`). */
  readonly auditKey: string;
  readonly tenant?: string;
  readonly environment?: string;
  readonly clientName?: string;
  readonly clientVersion?: string;
  /** Per request; default 5000 ms. */
  readonly timeoutMs?: number;
  /** Attempts per upload for retryable failures; default 3. */
  readonly maxAttempts?: number;
  /** Linear backoff step (attempt × step); default 750 ms. */
  readonly retryDelayMs?: number;
}

/** Uploads the unsent tail of day files. */
export interface AuditUploader {
  /** Uploads the complete lines of `date`'s file not yet uploaded; resolves to the bytes sent. */
  uploadDay(date: string): Promise<{ bytes: number }>;
}

/** Options of {@link createAuditUploader}. */
export interface AuditUploaderOptions {
  readonly dir: string;
  readonly presign: PresignConfig;
  readonly fetch?: typeof fetch;
  readonly clock?: Clock;
}

const DEFAULT_API_BASE_URL = "https://api.sec0.ai";
const RETRYABLE_STATUS = new Set([408, 429, 500, 502, 503, 504]);

/**
 * The presigned delta upload of 0.2.3: `POST {apiBaseUrl}/api/sec0/upload-url`, then `PUT` the
 * byte range after the persisted offset (`.sec0-presign-state.json`). Only complete lines are
 * sent and the offset moves only after the `PUT` succeeded, so a failure resends nothing that
 * was accepted. One upload per day file at a time.
 *
 * @throws {Sec0Error} `AUDIT_UPLOAD_CONFIG_INVALID`, `AUDIT_UPLOAD_FAILED` (from `uploadDay`).
 * @example
 * const uploader = createAuditUploader({ dir: ".sec0", presign: { auditKey: "Bearer sec0_…", tenant: "acme", environment: "prod", clientName: "app", clientVersion: "1.0.0" } });
 * await uploader.uploadDay("2026-01-01");
 */
export function createAuditUploader(options: AuditUploaderOptions): AuditUploader {
  const presign = options.presign;
  const hierarchy = requireHierarchy(presign);
  const doFetch = options.fetch ?? globalThis.fetch;
  const clock = options.clock ?? systemClock;
  const timeoutMs = presign.timeoutMs ?? 5000;
  // Retries are this uploader's own (they cover the PUT as well), so the client makes one attempt.
  const controlPlane = createControlPlaneClient({
    baseUrl: presign.apiBaseUrl ?? DEFAULT_API_BASE_URL,
    authorization: presign.auditKey,
    timeoutMs,
    fetch: doFetch,
  });
  const inFlight = new Map<string, Promise<{ bytes: number }>>();

  async function uploadOnce(date: string): Promise<{ bytes: number }> {
    const state = await readPresignState(options.dir);
    const chunk = await readUnsent(join(options.dir, dayFileName(date)), state.auditOffsetsByDate[date] ?? 0);
    if (chunk === undefined || chunk.bytes.length === 0) return { bytes: 0 };
    const stamp = new Date(clock.now()).toISOString().replace(/[:.]/g, "-");
    const key = `tenants/${hierarchy.tenant}/${hierarchy.env}/clients/${hierarchy.clientName}/${hierarchy.clientVersion}/ingest/${date}/audit-${date}-${stamp}-${randomBytes(4).toString("hex")}.ndjson`;
    await withRetry(presign, async () => {
      const target = await requestUploadUrl(controlPlane, { key, ...hierarchy });
      await put(doFetch, target, chunk.bytes, timeoutMs);
    });
    state.auditOffsetsByDate[date] = chunk.offset + chunk.bytes.length;
    await writePresignState(options.dir, state);
    return { bytes: chunk.bytes.length };
  }

  return {
    uploadDay(date) {
      const previous = inFlight.get(date) ?? Promise.resolve({ bytes: 0 });
      const next = previous.catch(() => undefined).then(() => uploadOnce(date));
      inFlight.set(date, next);
      void next
        .finally(() => {
          if (inFlight.get(date) === next) inFlight.delete(date);
        })
        .catch(() => undefined);
      return next;
    },
  };
}

function requireHierarchy(presign: PresignConfig) {
  const { tenant, environment, clientName, clientVersion } = presign;
  if (typeof presign.auditKey !== "string" || presign.auditKey === "") {
    throw new Sec0Error(
      "AUDIT_UPLOAD_CONFIG_INVALID",
      'presign.auditKey is required (e.g. "Bearer sec0_…").',
      {
        details: { field: "auditKey" },
      },
    );
  }
  if (presign.apiBaseUrl !== undefined && !/^https?:\/\/[^/]/.test(presign.apiBaseUrl)) {
    throw new Sec0Error(
      "AUDIT_UPLOAD_CONFIG_INVALID",
      "presign.apiBaseUrl must be an http(s) URL such as https://api.sec0.ai.",
      { details: { field: "apiBaseUrl" } },
    );
  }
  for (const [field, value] of Object.entries({ tenant, environment, clientName, clientVersion })) {
    if (typeof value !== "string" || value === "") {
      throw new Sec0Error("AUDIT_UPLOAD_CONFIG_INVALID", `presign.${field} is required for audit upload.`, {
        details: { field },
      });
    }
  }
  return {
    tenant: tenant as string,
    env: environment as string,
    contentType: "application/x-ndjson" as const,
    clientName: clientName as string,
    clientVersion: clientVersion as string,
  };
}

async function readUnsent(
  path: string,
  storedOffset: number,
): Promise<{ offset: number; bytes: Buffer } | undefined> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, "r");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  try {
    const { size } = await handle.stat();
    const offset = storedOffset > size ? 0 : storedOffset;
    const buffer = Buffer.alloc(size - offset);
    let read = 0;
    while (read < buffer.length) {
      const { bytesRead } = await handle.read(buffer, read, buffer.length - read, offset + read);
      if (bytesRead === 0) break;
      read += bytesRead;
    }
    // Only whole lines: a line still being written is sent next time, in one piece.
    const end = buffer.lastIndexOf(10, read - 1) + 1;
    return { offset, bytes: buffer.subarray(0, end) };
  } finally {
    await handle.close();
  }
}

async function requestUploadUrl(
  controlPlane: ControlPlaneClient,
  body: ReturnType<typeof requireHierarchy> & { key: string },
): Promise<{ url: string; headers: Record<string, string> }> {
  const { url, headers } = await controlPlane.requestUploadUrl(body);
  return { url, headers: headers ?? {} };
}

async function put(
  doFetch: typeof fetch,
  target: { url: string; headers: Record<string, string> },
  bytes: Buffer,
  timeoutMs: number,
): Promise<void> {
  const response = await doFetch(target.url, {
    method: "PUT",
    headers: {
      "Content-Type": "application/x-ndjson",
      "Content-Length": String(bytes.length),
      ...target.headers,
    },
    body: bytes,
    signal: AbortSignal.timeout(timeoutMs),
  });
  await response.arrayBuffer().catch(() => undefined);
  if (!response.ok) throw new HttpStatusError("PUT", response.status);
}

class HttpStatusError extends Error {
  constructor(
    step: string,
    readonly status: number,
  ) {
    super(`${step} answered HTTP ${status}`);
  }
}

async function withRetry(presign: PresignConfig, attempt: () => Promise<void>): Promise<void> {
  const maxAttempts = Math.max(1, presign.maxAttempts ?? 3);
  const step = Math.max(0, presign.retryDelayMs ?? 750);
  for (let n = 1; ; n += 1) {
    try {
      return await attempt();
    } catch (error) {
      const failure = controlPlaneFailureOf(error);
      const status =
        error instanceof HttpStatusError
          ? error.status
          : failure?.kind === "http"
            ? failure.status
            : undefined;
      const retryable = status === undefined || RETRYABLE_STATUS.has(status);
      if (!retryable || n >= maxAttempts) {
        throw new Sec0Error(
          "AUDIT_UPLOAD_FAILED",
          `Audit upload failed after ${n} attempt(s): ${(error as Error).message}; it resumes from the same offset next time.`,
          {
            cause: error,
            details: { attempts: n },
          },
        );
      }
      await new Promise((resolve) => setTimeout(resolve, step * n));
    }
  }
}
