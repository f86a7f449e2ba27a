import { z } from "zod";
import { EscalationStatusSchema } from "./escalation-status.js";
import { EscalationSeveritySchema } from "./escalations.js";
import { IsoDateTimeSchema, JsonObjectSchema } from "./primitives.js";

/** Path of the approvals bridge's webhook (`POST`, body {@link ApprovalsBridgeEventSchema}). */
export const BRIDGE_WEBHOOK_PATH = "/webhooks/escalations";

/** What happened to the escalation a bridge event is about. */
export const BridgeEventTypeSchema = z.enum([
  "escalation.created",
  "escalation.finalized",
  "escalation.vote_recorded",
]);

/** What happened to the escalation a bridge event is about. */
export type BridgeEventType = z.infer<typeof BridgeEventTypeSchema>;

const envelope = {
  event_id: z.string().min(1).max(200),
  emitted_at: IsoDateTimeSchema,
  tenant_id: z.string().min(1).max(200),
};

const escalationBase = {
  id: z.string().min(1),
  status: EscalationStatusSchema,
  violation: z.string().nullish(),
  metadata: JsonObjectSchema.nullish(),
  expires_at: IsoDateTimeSchema.nullish(),
  requester_status_message: z.string().nullish(),
};

/**
 * Body of `POST /webhooks/escalations`: `{event_id, event_type, emitted_at, tenant_id, escalation}`.
 * `escalation.created` carries what a human needs to decide; `escalation.finalized` the outcome.
 * The bridge de-duplicates by `event_id`. Unknown members are kept.
 *
 * @example
 * ApprovalsBridgeEventSchema.parse({
 *   event_id: "6f1c…", event_type: "escalation.created", emitted_at: "2026-02-01T12:00:00.000Z",
 *   tenant_id: "acme", escalation: { id: "esc_1", status: "pending", violation: "fs_violation", content: "…" },
 * });
 */
export const ApprovalsBridgeEventSchema = z.discriminatedUnion("event_type", [
  z.looseObject({
    ...envelope,
    event_type: z.literal("escalation.created"),
    escalation: z.looseObject({
      ...escalationBase,
      severity: EscalationSeveritySchema.nullish(),
      content: z.string().nullish(),
      rule_id: z.string().nullish(),
      message: z.string().nullish(),
      node_id: z.string().nullish(),
      agent_ref: z.string().nullish(),
    }),
  }),
  z.looseObject({
    ...envelope,
    event_type: z.literal("escalation.finalized"),
    escalation: z.looseObject({
      ...escalationBase,
      finalization_reason: z.string().nullish(),
      resolved_at: IsoDateTimeSchema.nullish(),
    }),
  }),
  z.looseObject({
    ...envelope,
    event_type: z.literal("escalation.vote_recorded"),
    escalation: z.looseObject(escalationBase),
  }),
]);

/** Body of `POST /webhooks/escalations`. */
export type ApprovalsBridgeEvent = z.infer<typeof ApprovalsBridgeEventSchema>;

/**
 * A button press or callback the bridge turns into a verdict (0.2.3 `parseApprovalAction` shape).
 *
 * @example
 * ApprovalActionSchema.parse({ escalationId: "esc_1", action: "approve", actorId: "discord:42" });
 */
export const ApprovalActionSchema = z.looseObject({
  escalationId: z.string().min(1),
  action: z.enum(["approve", "reject"]),
  actorId: z.string().min(1).optional(),
  notes: z.string().max(4000).optional(),
});

/** A button press or callback the bridge turns into a verdict. */
export type ApprovalAction = z.infer<typeof ApprovalActionSchema>;
