// The whole `sec0.config.yaml` (0.2.3's StandardAppConfig): app, auth, controlPlane.
import { SIGNING_MODES } from "@sec0/audit";
import { z } from "zod";
import { hopEntrySchema } from "./hop-entry-schema.js";
import { hopEscalationSchema } from "./hop-escalation-schema.js";
import { httpUrl, text } from "./schema-primitives.js";

const environmentSchema = z
  .string()
  .transform((value) => value.trim().toLowerCase())
  .pipe(z.enum(["dev", "staging", "prod"]));

const appSchema = z.strictObject({
  tenant: text(),
  environment: environmentSchema,
  client: z.strictObject({ name: text(), version: text().optional() }),
  hops: z.record(z.string().min(1), hopEntrySchema).optional(),
});

const authSchema = z.strictObject({
  svcToken: text().optional(),
  sec0ApiKey: text().optional(),
});

const controlPlaneSchema = z.strictObject({
  apiBaseUrl: httpUrl().optional(),
  sec0Dir: text(),
  localSignerPath: text(),
  appenderDir: text().optional(),
  /** How the hop appender signs: each record, or signed Merkle checkpoints over chained records. */
  auditSigning: z.enum(SIGNING_MODES).optional(),
  otlpEndpoint: httpUrl().optional(),
  presign: z.strictObject({ enabled: z.boolean().optional() }).optional(),
  /** Per control-plane request of the hops (policy, escalations), in ms. */
  timeoutMs: z.number().int().positive().max(120_000).optional(),
  escalation: hopEscalationSchema.optional(),
});

/**
 * Schema of `sec0.config.yaml`. Paths are kept as written; {@link buildAppProfile} resolves them.
 * Unknown keys are refused at every level.
 */
export const appConfigSchema = z.strictObject({
  app: appSchema,
  auth: authSchema.optional(),
  controlPlane: controlPlaneSchema,
});

/** `sec0.config.yaml` after validation. */
export type Sec0AppConfigFile = z.output<typeof appConfigSchema>;
