import { formatUpstreamInvokePath } from "@sec0/core/contracts";
import { Pool } from "undici";
import { UpstreamError } from "./upstream-error.js";

/** Timeouts and sizes of upstream calls. */
export interface UpstreamPoolOptions {
  readonly connectTimeoutMs: number;
  readonly headersTimeoutMs: number;
  readonly bodyTimeoutMs: number;
  readonly maxResponseBytes: number;
  readonly connections: number;
}

/** One upstream call. */
export interface UpstreamRequest {
  readonly target: string;
  readonly toolAtVersion: string;
  readonly body: string;
  readonly headers: Record<string, string>;
  /** Aborts the call (the policy's `max_duration_ms` or the gateway's deadline). */
  readonly signal: AbortSignal;
}

/** The upstream's answer: its JSON, or `{ raw }` for anything else (0.2.3). */
export interface UpstreamReply {
  readonly status: number;
  readonly body: unknown;
}

/** Pooled HTTP clients, one per upstream origin, reused by every call. */
export interface UpstreamPools {
  invoke(request: UpstreamRequest): Promise<UpstreamReply>;
  close(): Promise<void>;
}

/**
 * Creates the upstream client: one undici `Pool` per target origin (keep-alive, bounded
 * connections) with connect, headers and body timeouts; a response larger than
 * `maxResponseBytes` is cut off and refused. The call is `POST {target}/invoke/{tool@version}`
 * with the arguments as JSON.
 */
export function createUpstreamPools(options: UpstreamPoolOptions): UpstreamPools {
  const pools = new Map<string, { pool: Pool; base: string }>();
  const poolFor = (target: string) => {
    let entry = pools.get(target);
    if (entry === undefined) {
      const url = new URL(target);
      const pool = new Pool(url.origin, {
        connections: options.connections,
        connect: { timeout: options.connectTimeoutMs },
        headersTimeout: options.headersTimeoutMs,
        bodyTimeout: options.bodyTimeoutMs,
        keepAliveTimeout: 10_000,
      });
      entry = { pool, base: url.pathname.replace(/\/+$/, "") };
      pools.set(target, entry);
    }
    return entry;
  };
  return {
    async invoke(request) {
      const { pool, base } = poolFor(request.target);
      let response: Awaited<ReturnType<Pool["request"]>>;
      try {
        response = await pool.request({
          path: `${base}${formatUpstreamInvokePath(request.toolAtVersion)}`,
          method: "POST",
          headers: request.headers,
          body: request.body,
          signal: request.signal,
        });
      } catch (error) {
        throw failure(error, request.signal);
      }
      const text = await readCapped(response.body, options.maxResponseBytes, request.signal);
      const body = parseBody(text, String(response.headers["content-type"] ?? ""));
      if (response.statusCode < 200 || response.statusCode >= 300) {
        const code =
          typeof (body as { error?: unknown })?.error === "string"
            ? (body as { error: string }).error
            : "UPSTREAM";
        throw new UpstreamError(
          code,
          response.statusCode,
          `The upstream answered ${response.statusCode}.`,
          body,
        );
      }
      return { status: response.statusCode, body };
    },
    async close() {
      await Promise.all([...pools.values()].map(({ pool }) => pool.close().catch(() => undefined)));
      pools.clear();
    },
  };
}

async function readCapped(
  body: AsyncIterable<Buffer> & { destroy(error?: Error): void },
  max: number,
  signal: AbortSignal,
): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body) {
      size += chunk.length;
      if (size > max) {
        body.destroy();
        throw new UpstreamError("UPSTREAM", 502, `The upstream's answer is larger than ${max} bytes.`);
      }
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof UpstreamError) throw error;
    throw failure(error, signal);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function parseBody(text: string, contentType: string): unknown {
  if (text.length === 0) return {};
  if (contentType.includes("json") || /^[[{]/.test(text.trimStart())) {
    try {
      return JSON.parse(text);
    } catch {
      return { raw: text };
    }
  }
  return { raw: text };
}

function failure(error: unknown, signal: AbortSignal): UpstreamError {
  if (signal.aborted || (error as { name?: string })?.name === "AbortError") {
    return new UpstreamError(
      "UPSTREAM_TIMEOUT",
      504,
      "The upstream did not answer within the call's deadline.",
      undefined,
      error,
    );
  }
  const code = (error as { code?: string })?.code ?? "";
  if (
    code === "UND_ERR_HEADERS_TIMEOUT" ||
    code === "UND_ERR_BODY_TIMEOUT" ||
    code === "UND_ERR_CONNECT_TIMEOUT"
  ) {
    return new UpstreamError("UPSTREAM_TIMEOUT", 504, `The upstream timed out (${code}).`, undefined, error);
  }
  return new UpstreamError(
    "UPSTREAM",
    502,
    `The upstream could not be reached (${code || "network error"}).`,
    undefined,
    error,
  );
}
