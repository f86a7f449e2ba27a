import { randomBytes, randomUUID } from "node:crypto";
import { type Logger, Sec0Error, silentLogger } from "@sec0/core";
import {
  type ApprovalAction,
  ApprovalActionSchema,
  type ApprovalsBridgeEvent,
  BRIDGE_WEBHOOK_PATH,
  createBridgeSignatureHeaders,
  type EscalationCreateInput,
  type EscalationCreateResult,
} from "@sec0/core/contracts";
import { GuardConfigError } from "../app-guard/guard-errors.js";
import { buildEscalationCreatedEvent, buildEscalationFinalizedEvent } from "./approvals-bridge-events.js";
import type { EscalationResolution } from "./wait-for-escalation.js";

/** An escalation was created and waits for a human. */
export interface EscalationPendingEvent {
  readonly tenant: string | undefined;
  readonly created: EscalationCreateResult;
  readonly input: EscalationCreateInput;
}

/** The wait for an escalation ended. */
export interface EscalationResolvedEvent {
  readonly tenant: string | undefined;
  readonly created: EscalationCreateResult;
  readonly resolution: EscalationResolution;
}

/** Where escalations are shown to humans (the approvals bridge, or nothing). */
export interface ApprovalTransport {
  readonly name: string;
  readonly capabilities: { readonly interactiveActions: boolean; readonly cards: boolean };
  sendPending(event: EscalationPendingEvent): Promise<void>;
  sendResolved(event: EscalationResolvedEvent): Promise<void>;
}

/** How to reach the approvals bridge. */
export interface ApprovalsBridgeTransportOptions {
  /** e.g. `https://bridge.example.com`; empty or absent: the transport sends nothing (and warns once). */
  readonly bridgeUrl: string | undefined;
  /** The `tenant_id` of every event; empty or absent: the transport sends nothing (and warns once). */
  readonly tenantId: string | undefined;
  /** Sent as `Authorization: Bearer <token>` (a value that already starts with `Bearer ` is kept). */
  readonly bearerToken?: string | undefined;
  /** Signs every body with the `x-sec0-bridge-*` HMAC headers. */
  readonly sharedSecret?: string | undefined;
  /** Per request, in ms (default 2500). */
  readonly timeoutMs?: number;
  /** Defaults to the global `fetch`. */
  readonly fetch?: typeof fetch;
  /** Clock in ms, for `emitted_at` and the signature timestamp (default `Date.now`). */
  readonly now?: () => number;
  /** Gets the one warning of an unconfigured transport (default silent). */
  readonly logger?: Logger;
}

const BRIDGE_TIMEOUT_MS = 2500;
const BODY_EXCERPT_CHARS = 200;
const REDACTED = "[redacted]";

/**
 * The approvals-bridge transport: `POST {bridgeUrl}/webhooks/escalations` with an
 * `escalation.created` or `escalation.finalized` event (byte-compatible with sec0-sdk 0.2.3),
 * optionally with a bearer token and HMAC signature headers. Redirects are not followed. Without
 * a bridge URL or a tenant it sends nothing and logs one warning the first time it is used.
 *
 * @throws {GuardConfigError} `GUARD_CONFIG_INVALID` at creation for a bridgeUrl that is not
 *   http(s) or a timeout that is not a positive number.
 * @throws {Sec0Error} from `sendPending` and `sendResolved`: `GUARD_APPROVALS_BRIDGE_POST_FAILED`
 *   with the message `approvals_bridge_post_failed:<status>:<first 200 characters of the body>`
 *   (`details.status`) for a non-2xx answer, or `approvals_bridge_post_failed:timeout` /
 *   `:network` (`details.reason`). The token and secret never appear in a message.
 * @example
 * const transport = createApprovalsBridgeTransport({ bridgeUrl: "https://bridge.example.com", tenantId: "acme", sharedSecret });
 * await transport.sendPending({ tenant: "acme", created, input });
 */
export function createApprovalsBridgeTransport(options: ApprovalsBridgeTransportOptions): ApprovalTransport {
  const bridgeUrl = (options.bridgeUrl ?? "").trim();
  const tenantId = (options.tenantId ?? "").trim();
  const timeoutMs = options.timeoutMs ?? BRIDGE_TIMEOUT_MS;
  if (!(Number.isFinite(timeoutMs) && timeoutMs > 0))
    throw new GuardConfigError(
      "timeoutMs",
      "The approvals-bridge timeoutMs must be a positive number of ms.",
    );
  if (bridgeUrl !== "") assertHttpUrl(bridgeUrl);
  const logger = options.logger ?? silentLogger;
  if (bridgeUrl === "" || tenantId === "")
    return unconfiguredTransport(logger, bridgeUrl === "", tenantId === "");

  const now = options.now ?? Date.now;
  const secret = (options.sharedSecret ?? "").trim();
  const token = (options.bearerToken ?? "").trim();
  const target: BridgeTarget = {
    url: `${bridgeUrl.replace(/\/+$/, "")}${BRIDGE_WEBHOOK_PATH}`,
    authorization: token === "" ? undefined : /^bearer\s+/i.test(token) ? token : `Bearer ${token}`,
    secret: secret === "" ? undefined : secret,
    secrets: [token, secret].filter((value) => value !== ""),
    timeoutMs,
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    now,
  };
  const envelope = () => ({ eventId: randomUUID(), emittedAt: new Date(now()).toISOString(), tenantId });
  return {
    name: "approvals-bridge",
    capabilities: { interactiveActions: true, cards: true },
    sendPending: (event) =>
      postBridgeEvent(target, buildEscalationCreatedEvent(envelope(), event.created, event.input)),
    sendResolved: (event) =>
      postBridgeEvent(target, buildEscalationFinalizedEvent(envelope(), event.created, event.resolution)),
  };
}

/**
 * A transport that shows escalations nowhere (`name` `none`, no capabilities).
 *
 * @example
 * const transport = createNoopApprovalTransport();
 */
export function createNoopApprovalTransport(): ApprovalTransport {
  return {
    name: "none",
    capabilities: { interactiveActions: false, cards: false },
    async sendPending() {},
    async sendResolved() {},
  };
}

/**
 * Reads a button press or callback from the bridge as an {@link ApprovalAction}.
 *
 * @throws {GuardConfigError} `GUARD_CONFIG_INVALID` (`details.field` `action`) for anything that
 *   is not `{escalationId, action: "approve" | "reject", actorId?, notes?}`.
 * @example
 * parseApprovalAction({ escalationId: "esc_1", action: "approve", actorId: "discord:42" });
 */
export function parseApprovalAction(value: unknown): ApprovalAction {
  const parsed = ApprovalActionSchema.safeParse(value);
  if (!parsed.success) {
    const at = parsed.error.issues[0]?.path.map(String).join(".") || "(root)";
    throw new GuardConfigError(
      "action",
      `The approval action is invalid at ${at}: expected {escalationId, action: "approve" | "reject", actorId?, notes?}.`,
    );
  }
  return parsed.data;
}

interface BridgeTarget {
  readonly url: string;
  readonly authorization: string | undefined;
  readonly secret: string | undefined;
  /** Values that must never be repeated in a message. */
  readonly secrets: readonly string[];
  readonly timeoutMs: number;
  readonly fetch: typeof fetch;
  readonly now: () => number;
}

async function postBridgeEvent(target: BridgeTarget, event: ApprovalsBridgeEvent): Promise<void> {
  const body = JSON.stringify(event);
  const headers: Record<string, string> = {
    "content-type": "application/json",
    ...(target.authorization === undefined ? {} : { authorization: target.authorization }),
    ...(target.secret === undefined
      ? {}
      : createBridgeSignatureHeaders({
          secret: target.secret,
          body,
          timestampSeconds: Math.floor(target.now() / 1000),
          nonce: randomBytes(16).toString("hex"),
        })),
  };
  let response: Response;
  try {
    response = await target.fetch(target.url, {
      method: "POST",
      headers,
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(target.timeoutMs),
    });
  } catch (error) {
    const name = (error as { name?: unknown } | null)?.name;
    const reason = name === "TimeoutError" || name === "AbortError" ? "timeout" : "network";
    throw new Sec0Error("GUARD_APPROVALS_BRIDGE_POST_FAILED", `approvals_bridge_post_failed:${reason}`, {
      details: { reason },
    });
  }
  if (response.ok) {
    await response.body?.cancel().catch(() => undefined);
    return;
  }
  const text = await response.text().catch(() => "");
  const excerpt = redact(text, target.secrets).slice(0, BODY_EXCERPT_CHARS);
  throw new Sec0Error(
    "GUARD_APPROVALS_BRIDGE_POST_FAILED",
    `approvals_bridge_post_failed:${response.status}:${excerpt || "empty"}`,
    { details: { status: response.status } },
  );
}

function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) out = out.split(secret).join(REDACTED);
  return out;
}

function assertHttpUrl(bridgeUrl: string): void {
  let protocol: string | undefined;
  try {
    protocol = new URL(bridgeUrl).protocol;
  } catch {
    protocol = undefined;
  }
  if (protocol !== "http:" && protocol !== "https:")
    throw new GuardConfigError(
      "bridgeUrl",
      "The approvals bridgeUrl must be an http(s) URL such as https://bridge.example.com.",
    );
}

function unconfiguredTransport(logger: Logger, noUrl: boolean, noTenant: boolean): ApprovalTransport {
  let warned = false;
  const skip = async () => {
    if (warned) return;
    warned = true;
    const missing = [...(noUrl ? ["bridgeUrl"] : []), ...(noTenant ? ["tenantId"] : [])];
    logger.warn(
      { transport: "approvals-bridge", missing },
      "The approvals bridge is not configured (no bridgeUrl or tenantId); escalation events are not sent.",
    );
  };
  return {
    name: "approvals-bridge",
    capabilities: { interactiveActions: false, cards: false },
    sendPending: skip,
    sendResolved: skip,
  };
}
