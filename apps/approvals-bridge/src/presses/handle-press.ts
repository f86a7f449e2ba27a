import type { AuditSink, Logger } from "@sec0/core";
import { cardFromEscalation, isStale } from "../cards/card-from-escalation.js";
import type { ContentRedactor } from "../cards/redact-card-content.js";
import type { BridgeControlPlane } from "../control-plane/bridge-control-plane.js";
import { editCards } from "../events/publish-cards.js";
import type { CardPoster, EscalationCard, PlatformName, Press, PressOutcome } from "../platforms/platform.js";
import type { BridgeRoutes } from "../routing/bridge-routes.js";
import type { BridgeState } from "../state/bridge-state.js";
import { recordPress } from "./record-press.js";

/** What deciding a press needs. */
export interface PressDeps {
  readonly routes: BridgeRoutes;
  readonly state: BridgeState;
  readonly controlPlane: BridgeControlPlane;
  readonly posters: Partial<Record<PlatformName, CardPoster>>;
  readonly redact: ContentRedactor;
  readonly audit: AuditSink;
  readonly logger: Logger;
  readonly now: () => number;
}

/** How long a press id is remembered against replays (a day; platforms never resend older). */
const PRESS_TTL_MS = 24 * 3600 * 1000;

/**
 * Decides one verified press: once per press id (on every replica), only in a chat of the
 * tenant, only by a configured approver of that tenant, only while the escalation is pending and
 * unexpired (as the control plane says); the vote itself is recorded by the control plane, which
 * decides quorum, roles and veto. Every press, counted or refused, gets a signed audit record.
 */
export async function handlePress(deps: PressDeps, press: Press): Promise<PressOutcome> {
  if (!(await deps.state.claim(`press:${press.platform}:${press.pressId}`, PRESS_TTL_MS))) {
    return { kind: "refused", reason: "replayed", text: "This press was already handled." };
  }
  const tenant = deps.routes.tenantOfChannel(press.platform, press.channelId);
  const approverId =
    tenant === undefined ? undefined : deps.routes.approverOf(tenant, press.platform, press.userId);
  const finish = async (outcome: PressOutcome, statusAfter?: string): Promise<PressOutcome> => {
    await recordPress(
      deps.audit,
      deps.logger,
      press,
      { tenant, approverId, outcome, ...(statusAfter === undefined ? {} : { statusAfter }) },
      deps.now(),
    );
    return outcome;
  };
  if (tenant === undefined) return finish(refused("invalid", "This chat does not take sec0 approvals."));
  if (approverId === undefined)
    return finish(
      refused("not_allowed", "You are not an approver for this escalation; your press was not counted."),
    );
  try {
    const view = await deps.controlPlane.read(tenant, press.escalationId);
    if (view === undefined) return finish(refused("unknown_escalation", "This escalation is unknown."));
    if (isStale(view, deps.now())) {
      const card = cardFromEscalation(tenant, view, deps.redact);
      const reason = view.status === "pending" ? "expired" : "final";
      return finish({ kind: "refused", reason, text: staleText(card), card }, view.status);
    }
    const result = await deps.controlPlane.vote(tenant, press.escalationId, {
      verdict: press.verdict,
      approverId,
      actorId: `${press.platform}:${press.userId}`,
      notes: `${press.platform} message ${press.messageId}`,
    });
    if (result.kind === "duplicate")
      return finish(refused("duplicate", "You already voted on this escalation; the first vote stands."));
    if (result.kind === "not_found")
      return finish(refused("unknown_escalation", "This escalation is unknown."));
    if (result.kind === "final") {
      const latest = await deps.controlPlane.read(tenant, press.escalationId);
      const card = latest === undefined ? undefined : cardFromEscalation(tenant, latest, deps.redact);
      return finish({
        kind: "refused",
        reason: "final",
        text: "This escalation is already decided.",
        ...(card === undefined ? {} : { card }),
      });
    }
    const card = cardFromEscalation(tenant, result.escalation, deps.redact);
    if (card.status !== "pending") await editCards(deps, card);
    return finish({ kind: "counted", card, text: countedText(press, card) }, card.status);
  } catch (error) {
    // The control plane did not answer: nothing was counted, so the press may be retried.
    await deps.state.release(`press:${press.platform}:${press.pressId}`).catch(() => undefined);
    deps.logger.error(
      { err: (error as Error).message, escalation_id: press.escalationId },
      "sec0 bridge: a press could not be recorded",
    );
    return finish(
      refused("unavailable", "The control plane did not answer; nothing was counted. Press again."),
    );
  }
}

function refused(reason: Extract<PressOutcome, { kind: "refused" }>["reason"], text: string): PressOutcome {
  return { kind: "refused", reason, text };
}

function staleText(card: EscalationCard): string {
  return card.status === "pending"
    ? "This escalation has expired; votes are closed."
    : `This escalation is already ${card.status}.`;
}

function countedText(press: Press, card: EscalationCard): string {
  const verb = press.verdict === "approve" ? "approval" : "rejection";
  if (card.status !== "pending") return `Your ${verb} is recorded; the escalation is ${card.status}.`;
  const quorum =
    card.minApprovals === undefined ? "" : ` (${card.approvals ?? 0}/${card.minApprovals} approvals)`;
  return `Your ${verb} is recorded${quorum}.`;
}
