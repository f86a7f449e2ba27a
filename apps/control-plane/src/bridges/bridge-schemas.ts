import { BridgeEventTypeSchema } from "@sec0/core/contracts";
import { z } from "zod";
import { MAX_BRIDGE_URL_LENGTH } from "./bridge-url.js";

/** Shortest accepted HMAC secret, in characters. */
export const MIN_BRIDGE_SECRET_LENGTH = 32;

/** Path parameters of `PUT` / `DELETE /api/bridges/:name`. */
export const BridgeParamsSchema = z.strictObject({
  name: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/, "must be 1-63 letters, digits, '.', '_' or '-'"),
});

/**
 * Body of `PUT /api/bridges/:name` (strict: unknown members are refused). `url` is checked
 * further by `checkBridgeUrl`; `event_types` left out means every event type.
 */
export const PutBridgeBodySchema = z.strictObject({
  url: z.string().min(1).max(MAX_BRIDGE_URL_LENGTH),
  secret: z.string().min(MIN_BRIDGE_SECRET_LENGTH).max(1024),
  bearer_token: z
    .string()
    .regex(/^[\x21-\x7e]{1,4096}$/, "must be 1-4096 visible ASCII characters")
    .optional(),
  event_types: z.array(BridgeEventTypeSchema).min(1).max(BridgeEventTypeSchema.options.length).optional(),
});

/** What `PUT /api/bridges/:name` reads. */
export type PutBridgeBody = z.infer<typeof PutBridgeBodySchema>;

/** A bridge as the API shows it: never its secret nor its bearer token. */
export const BridgeViewSchema = z.strictObject({
  name: z.string(),
  url: z.string(),
  has_bearer_token: z.boolean(),
  event_types: z.array(BridgeEventTypeSchema).nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});

/** One {@link BridgeViewSchema}. */
export type BridgeView = z.infer<typeof BridgeViewSchema>;

/** Reply of `GET /api/bridges`. */
export const BridgeListSchema = z.strictObject({ bridges: z.array(BridgeViewSchema) });
