import { readHeader } from "@sec0/core";
import {
  APPROVAL_TOKEN_ALIAS_HEADER,
  APPROVAL_TOKEN_ARG_KEYS,
  APPROVAL_TOKEN_HEADER,
  AUTH_CONTEXT_HEADER,
  BAGGAGE_HEADER,
  buildIdentityContext,
  CAUSE_SPAN_HEADER,
  CAUSE_TRACE_HEADER,
  encodeIdentityContextHeader,
  IDEMPOTENCY_KEY_HEADER,
} from "@sec0/core/contracts";
import type { ExecuteTool, HopIds } from "@sec0/guard";
import type { Principal } from "../auth/principal.js";
import type { GatewayRuntime } from "./gateway-runtime.js";
import type { Invocation } from "./invocation.js";

/** Agent-state headers forwarded as received (the engine validated them). */
const AGENT_HEADERS = ["x-node-id", "x-agent-ref", "x-agent-parent-ref", "x-agent-state"] as const;
const MAX_FORWARDED_HEADER = 8 * 1024;

/** What the upstream call needs beyond the arguments. */
export interface Forwarding {
  readonly target: string;
  readonly principal: Principal;
  readonly idempotencyKey: string | undefined;
  /** Headers the AP2 check derived (`x-ap2-*`), injected downstream. */
  readonly extraHeaders: Readonly<Record<string, string>>;
}

/**
 * The engine's `execute` for a gateway call: broker credentials, then `POST
 * {target}/invoke/{tool@version}` within the call's deadline. The caller's own credential never
 * goes upstream; the upstream learns who called from `x-auth-context` (hashes only), the agent
 * state, and the gateway's hop as `x-cause-trace` / `x-cause-span` and `traceparent`.
 */
export function forwardCall(
  runtime: GatewayRuntime,
  invocation: Invocation,
  forwarding: Forwarding,
): ExecuteTool {
  return async (args, hop) => {
    const subjectToken = bearerOf(invocation.headers);
    const brokered =
      runtime.broker === undefined
        ? {}
        : await runtime.broker.headersFor(invocation.server, invocation.tool, subjectToken);
    const headers = {
      ...upstreamHeaders(invocation, forwarding, hop, runtime.gatewayId),
      ...forwarding.extraHeaders,
      ...brokered,
    };
    // One timer per call, cleared when it ends (AbortSignal.timeout costs a weak reference and a
    // timer that outlives the call).
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), runtime.deadlineMs);
    try {
      const reply = await runtime.upstream.invoke({
        target: forwarding.target,
        toolAtVersion: invocation.toolAtVersion,
        body: JSON.stringify(args),
        headers,
        signal: deadline.signal,
      });
      return reply.body;
    } finally {
      clearTimeout(timer);
    }
  };
}

function upstreamHeaders(
  invocation: Invocation,
  forwarding: Forwarding,
  hop: HopIds,
  gatewayId: string,
): Record<string, string> {
  const headers: Record<string, string> = {
    "content-type": "application/json",
    accept: "application/json",
    traceparent: `00-${hop.traceId}-${hop.spanId}-01`,
    [CAUSE_TRACE_HEADER]: hop.traceId,
    [CAUSE_SPAN_HEADER]: hop.spanId,
    [AUTH_CONTEXT_HEADER]: identityHeaderOf(forwarding.principal),
    "x-sec0-gateway": gatewayId,
  };
  if (forwarding.idempotencyKey !== undefined) headers[IDEMPOTENCY_KEY_HEADER] = forwarding.idempotencyKey;
  for (const name of [...AGENT_HEADERS, BAGGAGE_HEADER]) {
    const value = readHeader(invocation.headers, name);
    if (value !== undefined && value.length <= MAX_FORWARDED_HEADER) headers[name] = value;
  }
  const approval = approvalTokenOf(invocation);
  if (approval !== undefined) headers[APPROVAL_TOKEN_HEADER] = approval;
  return headers;
}

/**
 * The approval token the caller sent (header, its 0.2.3 alias, or an `approval_token` argument),
 * for the upstream: the engine takes it out of the arguments as control data, and an upstream
 * whose own policy escalates the call (the middleware) is where it is checked and used up.
 * Printable ASCII within the header bound only; anything else is not forwarded.
 */
function approvalTokenOf(invocation: Invocation): string | undefined {
  let token =
    readHeader(invocation.headers, APPROVAL_TOKEN_HEADER) ??
    readHeader(invocation.headers, APPROVAL_TOKEN_ALIAS_HEADER);
  for (const key of APPROVAL_TOKEN_ARG_KEYS) {
    if (token !== undefined) break;
    const value = Object.hasOwn(invocation.args, key) ? invocation.args[key] : undefined;
    if (typeof value === "string") token = value;
  }
  return token !== undefined && token.length <= MAX_FORWARDED_HEADER && /^[\x21-\x7e]+$/.test(token)
    ? token
    : undefined;
}

// Principals are reused (one per verified token, one anonymous per gateway): encode each once.
const identityHeaders = new WeakMap<Principal, string>();

function identityHeaderOf(principal: Principal): string {
  let header = identityHeaders.get(principal);
  if (header === undefined) {
    header = asciiJson(encodeIdentityContextHeader(identityOf(principal)));
    identityHeaders.set(principal, header);
  }
  return header;
}

function identityOf(principal: Principal) {
  const userId = principal.userId ?? principal.user;
  const context = buildIdentityContext({
    ...(userId === undefined ? {} : { userId }),
    tenant: principal.tenant,
    roles: principal.roles,
  });
  return principal.tokenSha256 === undefined ? context : { ...context, token_sha256: principal.tokenSha256 };
}

function bearerOf(headers: Invocation["headers"]): string | undefined {
  const value = readHeader(headers, "authorization");
  const match = value === undefined ? null : /^Bearer ([^\s]+)$/i.exec(value);
  return match?.[1];
}

// Header values must be Latin-1: a claim with other characters is escaped inside the JSON.
function asciiJson(json: string): string {
  return json.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
