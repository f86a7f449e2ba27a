// A bridge with no platform, its webhook secrets, and a signer of events as the control plane
// and the guard's transport sign them.
import { randomBytes } from "node:crypto";
import { createBridgeSignatureHeaders } from "@sec0/core/contracts";
import { createMemoryAuditSink } from "@sec0/testkit";
import { parseBridgeConfig } from "../config/load-bridge-config.js";
import { createApprovalsBridge } from "../create-approvals-bridge.js";
import { createBridgeLogger } from "../logger.js";
import type { CardPoster, EscalationCard } from "../platforms/platform.js";
import type { BridgeState } from "../state/bridge-state.js";
import { createMemoryBridgeState } from "../state/memory-bridge-state.js";

export const BEARER = "bridge-bearer-token-0123456789";
export const SECRET = "bridge-shared-secret-0123456789";

/** Headers of an authentic webhook request for `body`, signed at `nowMs`. */
export function signedHeaders(body: string, nowMs = Date.now(), nonce = randomBytes(16).toString("hex")) {
  return {
    "content-type": "application/json",
    authorization: `Bearer ${BEARER}`,
    ...createBridgeSignatureHeaders({ secret: SECRET, body, timestampSeconds: Math.floor(nowMs / 1000), nonce }),
  };
}

/** A created event for `id`. */
export function createdEvent(id: string, tenant = "acme", eventId = `evt_${randomBytes(6).toString("hex")}`) {
  return JSON.stringify({
    event_id: eventId,
    event_type: "escalation.created",
    emitted_at: new Date().toISOString(),
    tenant_id: tenant,
    escalation: { id, status: "pending", violation: "egress_violation", content: "refund 40 EUR" },
  });
}

/** A bridge whose control plane is `controlPlaneUrl`, posting to a recording Discord poster (chat 100). */
export function bridgeWithRecordingPoster(controlPlaneUrl: string, state: BridgeState = createMemoryBridgeState()) {
  const config = parseBridgeConfig({
    control_plane: { url: controlPlaneUrl, timeout_ms: 1000 },
    webhook: { bearer_token_ref: "env://B", shared_secret_ref: "env://S" },
    discord: { bot_token_ref: "env://D", application_id: "1", public_key: "a".repeat(64), api: "http://127.0.0.1:1/api" },
    tenants: { acme: { control_plane_key_ref: "env://K", discord_channels: ["100"] } },
  });
  const posted: Array<{ op: "post" | "edit"; channelId: string; card: EscalationCard }> = [];
  const poster: CardPoster = {
    platform: "discord",
    async postCard(channelId, card) {
      posted.push({ op: "post", channelId, card });
      return { platform: "discord", channelId, messageId: `m${posted.length}` };
    },
    async editCard(card, shown) {
      posted.push({ op: "edit", channelId: card.channelId, card: shown });
    },
  };
  const audit = createMemoryAuditSink();
  const bridge = createApprovalsBridge({
    config,
    secrets: {
      webhookBearer: BEARER,
      webhookSecret: SECRET,
      discordToken: "discord-token",
      tenantKeys: new Map([["acme", "sec0_bridge_key"]]),
    },
    posters: { discord: poster },
    state,
    audit,
    logger: createBridgeLogger("silent"),
  });
  return { bridge, state, audit, posted };
}
