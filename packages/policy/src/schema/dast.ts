import { z } from "zod";
import { positiveDurationSchema, severitySchema } from "./primitives.js";
import { executableSchema, httpUrlSchema, scanGateFields, timeoutMsSchema } from "./scan-fields.js";

const nucleiSchema = z.strictObject({
  bin: executableSchema.optional(),
  /** A templates directory or file. */
  templates: z.string().min(1),
  /** The HTTP tool server probed. */
  target: httpUrlSchema,
  tags: z.array(z.string().min(1)).optional(),
  exclude_tags: z.array(z.string().min(1)).optional(),
  severity: z.array(severitySchema).min(1).optional(),
  timeout_ms: timeoutMsSchema(600_000).optional(),
});

/**
 * The `dast` section: probing a running tool. When enabled it needs `rule_ttl`, how long a tool
 * that failed stays blocked; after it, the tool is allowed again (changed code is probed anew).
 */
export const dastSchema = z
  .strictObject({
    ...scanGateFields,
    rule_ttl: positiveDurationSchema.optional(),
    timeout_ms: timeoutMsSchema(300_000).optional(),
    max_probes: z.number().int().min(1).max(256).optional(),
    nuclei: nucleiSchema.optional(),
  })
  .superRefine((section, ctx) => {
    if (section.enabled === true && section.rule_ttl === undefined) {
      ctx.addIssue({
        code: "custom",
        path: [],
        message:
          "dast.enabled: true needs rule_ttl, how long a tool that failed stays blocked before it is allowed again (e.g. rule_ttl: 10m)",
        params: { sec0: "missing" },
      });
    }
  });

/** The `dast` section as written. */
export type DastPolicy = z.infer<typeof dastSchema>;
