import type { Logger } from "@sec0/core";
import type { ApprovalsBridgeEvent } from "@sec0/core/contracts";
import { cardFromEscalation } from "../cards/card-from-escalation.js";
import type { ContentRedactor } from "../cards/redact-card-content.js";
import type { BridgeControlPlane } from "../control-plane/bridge-control-plane.js";
import type { CardPoster, EscalationCard, PlatformName } from "../platforms/platform.js";
import type { BridgeRoutes } from "../routing/bridge-routes.js";
import type { BridgeState } from "../state/bridge-state.js";

/** What publishing cards needs. */
export interface CardPublisherDeps {
  readonly routes: BridgeRoutes;
  readonly posters: Partial<Record<PlatformName, CardPoster>>;
  readonly state: BridgeState;
  readonly controlPlane: BridgeControlPlane;
  readonly redact: ContentRedactor;
  readonly logger: Logger;
}

/** How long the bridge remembers a card (longer than the longest time to decide, 7 days). */
export const CARD_TTL_MS = 8 * 24 * 3600 * 1000;

/**
 * Handles one authenticated event. The card always shows the control plane's record (read with
 * the tenant's key), never the event's claims. `escalation.created` posts a card to each of the
 * tenant's chats, once across replicas (a claim per escalation and chat); every other event, and a
 * created event for an escalation already decided, edits the cards that exist.
 */
export async function publishCards(deps: CardPublisherDeps, event: ApprovalsBridgeEvent): Promise<void> {
  const tenant = event.tenant_id;
  const targets = deps.routes.targetsOf(tenant);
  if (targets.length === 0) {
    deps.logger.warn(
      { tenant, event_id: event.event_id },
      "sec0 bridge: no chats for this tenant; event ignored",
    );
    return;
  }
  const view = await deps.controlPlane.read(tenant, event.escalation.id);
  if (view === undefined) {
    deps.logger.warn(
      { tenant, escalation_id: event.escalation.id },
      "sec0 bridge: the control plane does not know this escalation; ignored",
    );
    return;
  }
  const card = cardFromEscalation(tenant, view, deps.redact);
  if (event.event_type === "escalation.created" && card.status === "pending") {
    for (const target of targets) await postOnce(deps, card, target.platform, target.channelId);
    // A decision may have landed while posting: show it.
    const now = await deps.controlPlane.read(tenant, card.escalationId);
    if (now !== undefined && now.status !== "pending")
      await editCards(deps, cardFromEscalation(tenant, now, deps.redact));
    return;
  }
  await editCards(deps, card);
}

/** Edits every card of the escalation to show `card`. */
export async function editCards(
  deps: Pick<CardPublisherDeps, "posters" | "state" | "logger">,
  card: EscalationCard,
): Promise<void> {
  for (const posted of await deps.state.cards(card.escalationId)) {
    const poster = deps.posters[posted.platform];
    if (poster === undefined) continue;
    try {
      await poster.editCard(posted, card);
    } catch (error) {
      deps.logger.warn(
        { err: (error as Error).message, platform: posted.platform },
        "sec0 bridge: editing a card failed",
      );
    }
  }
}

async function postOnce(
  deps: CardPublisherDeps,
  card: EscalationCard,
  platform: PlatformName,
  channelId: string,
): Promise<void> {
  const poster = deps.posters[platform];
  if (poster === undefined) return;
  const key = `card:${card.escalationId}:${platform}:${channelId}`;
  if (!(await deps.state.claim(key, CARD_TTL_MS))) return;
  try {
    const posted = await poster.postCard(channelId, card);
    await deps.state.addCard(card.escalationId, posted, CARD_TTL_MS);
  } catch (error) {
    await deps.state.release(key).catch(() => undefined);
    throw error;
  }
}
