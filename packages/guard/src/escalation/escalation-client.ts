import { setTimeout as delay } from "node:timers/promises";
import {
  CONTROL_PLANE_PATHS,
  type EscalationCreateInput,
  type EscalationCreateResult,
  type EscalationRecord,
  type EscalationResolveInput,
  EscalationResolveInputSchema,
  type EscalationResolveRequest,
  EscalationResponseSchema,
  fromEscalationRecord,
  toEscalationCreateRequest,
} from "@sec0/core/contracts";
import {
  CONTROL_PLANE_CLIENT_DEFAULTS,
  type ControlPlaneClientOptions,
  type ControlPlaneRequest,
  controlPlaneUrl,
  createControlPlaneClient,
  parseControlPlaneReply,
} from "@sec0/core/control-plane";
import { GuardConfigError } from "../app-guard/guard-errors.js";
import type { EscalationReporter } from "./control-plane-escalations.js";
import {
  type EscalationResolution,
  type EscalationState,
  type EscalationWaitOptions,
  longPollParam,
  type ResolvedEscalationWaitOptions,
  resolveEscalationWaitOptions,
  waitForEscalation,
} from "./wait-for-escalation.js";

export type { EscalationResolution, EscalationState, EscalationWaitOptions } from "./wait-for-escalation.js";

/** Options of one {@link EscalationClient.get}. */
export interface EscalationGetOptions {
  readonly tenant?: string;
  /** Ask the control plane to hold the reply until the escalation changes, up to this many ms (≤ 60 000). */
  readonly waitMs?: number;
  readonly signal?: AbortSignal;
}

/** The escalation lifecycle against the control plane: create, read, resolve and wait. */
export interface EscalationClient extends EscalationReporter {
  /** `POST /api/escalations[?tenant=]`. */
  create(input: EscalationCreateInput): Promise<EscalationCreateResult>;
  /** `GET /api/escalations/{id}[?tenant=&wait=Ns]`. */
  get(id: string, options?: EscalationGetOptions): Promise<EscalationState>;
  /** `PUT /api/escalations/{id}[?tenant=]` with `{action, notes, actor_id}`. */
  resolve(input: EscalationResolveInput): Promise<EscalationState>;
  /** Reads until a verdict, the expiry or the wait's timeout; see {@link waitForEscalation}. */
  waitForResolution(id: string, options?: EscalationWaitOptions): Promise<EscalationResolution>;
}

/** How to reach the control plane, plus the escalation defaults. */
export interface EscalationClientOptions extends ControlPlaneClientOptions {
  /** Default tenant query of every call. */
  readonly tenant?: string;
  /** Long-poll reads of `waitForResolution` with `?wait=` (default true). */
  readonly longPoll?: boolean;
  /** Clock in ms, for tests (default `Date.now`). */
  readonly now?: () => number;
}

/** The most a single read may ask the control plane to hold it. */
const MAX_GET_WAIT_MS = 60_000;

/**
 * Creates the escalation client: every call goes through the one control-plane client of
 * `@sec0/core` (base URL, key, timeout, errors). A long-polled read gets the wait on top of the
 * timeout. Concurrent `waitForResolution` calls without a signal for the same escalation and
 * options share one wait (one stream of requests).
 *
 * @throws {Sec0Error} `CORE_CONTROL_PLANE_CONFIG_INVALID` for a baseUrl that is not http(s) or a
 *   bad timeout. `create`, `get` and `resolve` reject with `CORE_CONTROL_PLANE_UNAVAILABLE`,
 *   `CORE_CONTROL_PLANE_HTTP_ERROR` or `CORE_CONTROL_PLANE_INVALID_REPLY` (or the signal's reason
 *   when aborted), and with `GUARD_CONFIG_INVALID` for an empty id or a bad input;
 *   `waitForResolution` with the errors of {@link waitForEscalation}.
 * @example
 * const escalations = createEscalationClient({ baseUrl: "https://api.sec0.ai", apiKey, tenant: "acme" });
 * const { id } = await escalations.create({ content: "Policy denied …", violation: "fs_violation" });
 * const { status } = await escalations.waitForResolution(id, { timeoutMs: 120_000 });
 */
export function createEscalationClient(options: EscalationClientOptions): EscalationClient {
  const client = createControlPlaneClient(options);
  const baseTimeoutMs = options.timeoutMs ?? CONTROL_PLANE_CLIENT_DEFAULTS.timeoutMs;
  const now = options.now ?? Date.now;
  const longPoll = options.longPoll ?? true;
  const sleep = abortableSleep(options.sleep);
  const share = shareConcurrentWaits();

  const send = async (request: ControlPlaneRequest): Promise<EscalationState> => {
    const response = await client.request(request);
    const { escalation } = parseControlPlaneReply(response, EscalationResponseSchema, {
      url: controlPlaneUrl(client.baseUrl, request.path),
      method: request.method,
    });
    return toEscalationState(escalation);
  };

  const read = async (id: string, get: EscalationGetOptions & { readonly retries?: number }) => {
    const waitMs = get.waitMs ?? 0;
    if (!(Number.isFinite(waitMs) && waitMs >= 0 && waitMs <= MAX_GET_WAIT_MS))
      throw new GuardConfigError("waitMs", `waitMs must be a number of ms from 0 to ${MAX_GET_WAIT_MS}.`);
    const wait = longPollParam(waitMs, MAX_GET_WAIT_MS);
    return send({
      method: "GET",
      path: escalationPath(id),
      query: { tenant: get.tenant ?? options.tenant, wait: wait.param },
      timeoutMs: baseTimeoutMs + wait.ms,
      ...(get.retries === undefined ? {} : { retries: get.retries }),
      ...(get.signal === undefined ? {} : { signal: get.signal }),
    });
  };

  return {
    async create(input) {
      const response = await client.request({
        method: "POST",
        path: CONTROL_PLANE_PATHS.escalations,
        // Only the configured tenant goes in the query: `input.tenant` is the policy's own label
        // (a local policy's `tenant:`), which need not be the control plane's name for the key's
        // tenant; the control plane takes the tenant from the key when the query has none.
        query: { tenant: options.tenant },
        body: toEscalationCreateRequest(input),
      });
      const { escalation } = parseControlPlaneReply(response, EscalationResponseSchema, {
        url: controlPlaneUrl(client.baseUrl, CONTROL_PLANE_PATHS.escalations),
        method: "POST",
      });
      return toCreateResult(escalation);
    },

    async get(id, get = {}) {
      return read(id, get);
    },

    async resolve(input) {
      const { id, tenant, body } = toResolveRequest(input);
      return send({
        method: "PUT",
        path: escalationPath(id),
        query: { tenant: tenant ?? options.tenant },
        body,
      });
    },

    waitForResolution(id, wait = {}) {
      let settings: ResolvedEscalationWaitOptions;
      try {
        settings = resolveEscalationWaitOptions({ ...wait, tenant: wait.tenant ?? options.tenant });
      } catch (error) {
        return Promise.reject(error);
      }
      const deps = {
        // The wait owns the retries; the reads themselves are not retried.
        read: (
          escalationId: string,
          r: { tenant: string | undefined; waitMs: number; signal: AbortSignal | undefined },
        ) =>
          read(escalationId, {
            retries: 0,
            waitMs: r.waitMs,
            ...(r.tenant === undefined ? {} : { tenant: r.tenant }),
            ...(r.signal === undefined ? {} : { signal: r.signal }),
          }),
        now,
        sleep,
        longPoll,
      };
      if (settings.signal !== undefined) return waitForEscalation(id, settings, deps);
      return share(id, settings, () => waitForEscalation(id, settings, deps));
    },
  };
}

/**
 * Maps the wire record to an {@link EscalationState}: {@link fromEscalationRecord} plus the
 * `approval_token` and `approval_token_expires_at` members a loose record may carry.
 *
 * @example
 * toEscalationState({ id: "esc_1", status: "approved", approval_token: "apt_1" }).approvalToken; // "apt_1"
 */
export function toEscalationState(record: EscalationRecord): EscalationState {
  const token = record.approval_token;
  const expires = record.approval_token_expires_at;
  return {
    ...fromEscalationRecord(record),
    ...(typeof token === "string" && token.length > 0 ? { approvalToken: token } : {}),
    ...(typeof expires === "string" && expires.length > 0 ? { approvalTokenExpiresAt: expires } : {}),
  };
}

function toCreateResult(record: EscalationRecord): EscalationCreateResult {
  const { id, status, expiresAt, createdAt, requesterStatusMessage } = fromEscalationRecord(record);
  return {
    id,
    status,
    ...(expiresAt === undefined ? {} : { expiresAt }),
    ...(createdAt === undefined ? {} : { createdAt }),
    ...(requesterStatusMessage === undefined ? {} : { requesterStatusMessage }),
  };
}

function toResolveRequest(input: EscalationResolveInput): {
  id: string;
  tenant: string | undefined;
  body: EscalationResolveRequest;
} {
  const parsed = EscalationResolveInputSchema.safeParse(input);
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path.map(String).join(".") || "input";
    throw new GuardConfigError(field, `The escalation verdict is invalid at ${field}.`);
  }
  const { id, action, notes, actorId, approverId, tenant } = parsed.data;
  const body = {
    action,
    ...(notes === undefined ? {} : { notes }),
    ...(actorId === undefined ? {} : { actor_id: actorId }),
    ...(approverId === undefined ? {} : { approver_id: approverId }),
  };
  return { id, tenant, body };
}

/** Concurrent waits for the same escalation with the same options share one promise. */
function shareConcurrentWaits() {
  const running = new Map<string, Promise<EscalationResolution>>();
  return (
    id: string,
    settings: ResolvedEscalationWaitOptions,
    start: () => Promise<EscalationResolution>,
  ): Promise<EscalationResolution> => {
    const { tenant, timeoutMs, pollIntervalMs, maxRetries, retryBackoffMs } = settings;
    const key = JSON.stringify([id, tenant ?? null, timeoutMs, pollIntervalMs, maxRetries, retryBackoffMs]);
    const existing = running.get(key);
    if (existing !== undefined) return existing;
    const started = start().finally(() => running.delete(key));
    running.set(key, started);
    return started;
  };
}

/** A pause that ends early, rejecting with the signal's reason, when the signal aborts. */
function abortableSleep(injected: ((ms: number) => Promise<void>) | undefined) {
  return (ms: number, signal: AbortSignal | undefined): Promise<void> =>
    injected === undefined
      ? delay(ms, undefined, signal === undefined ? {} : { signal })
      : race(injected(ms), signal);
}

function escalationPath(id: string): string {
  if (typeof id !== "string" || id.length === 0)
    throw new GuardConfigError("id", "The escalation id must be a non-empty string.");
  return `${CONTROL_PLANE_PATHS.escalations}/${encodeURIComponent(id)}`;
}

function race(sleeping: Promise<void>, signal: AbortSignal | undefined): Promise<void> {
  if (signal === undefined) return sleeping;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<void>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    sleeping.then(
      () => {
        signal.removeEventListener("abort", onAbort);
        resolve();
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}
