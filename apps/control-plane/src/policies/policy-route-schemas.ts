import { PolicyParamsSchema, PolicyQuerySchema } from "@sec0/core/contracts";
import { z } from "zod";
import { PolicyVersionJsonSchema } from "./policy-reply.js";

/** A version number in a path or query. */
const VersionNumberSchema = z.coerce.number().int().positive().max(2_147_483_647);

/** Path of `/api/policy/:tenant/versions/:version`. */
export const PolicyVersionParamsSchema = PolicyParamsSchema.extend({ version: VersionNumberSchema });

/** Query of the diff: `from` and `to` versions (`to` defaults to the current one). */
export const PolicyDiffQuerySchema = PolicyQuerySchema.extend({
  from: VersionNumberSchema,
  to: VersionNumberSchema.optional(),
});

/** Body of `POST /api/policy/:tenant/rollback`. */
export const PolicyRollbackBodySchema = z.strictObject({ version: z.number().int().positive() });

/** Reply of the history route. */
export const PolicyHistorySchema = z.object({
  tenant: z.string(),
  level: z.string(),
  scope: z.string(),
  versions: z.array(PolicyVersionJsonSchema),
});

/** Reply of the diff route. */
export const PolicyDiffSchema = z.object({
  from: z.number().int(),
  to: z.number().int(),
  diff: z.string(),
});

/** Reply of `GET /api/policy-signing-key`. */
export const PolicySigningKeySchema = z.object({
  key_id: z.string(),
  algorithm: z.literal("ed25519"),
  public_key: z.string(),
  signed_payload: z.string(),
});
