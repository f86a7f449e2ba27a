import { compileAllowlist } from "@sec0/core";
import { z } from "zod";
import { positiveDurationSchema } from "./primitives.js";

const CLASSES: readonly string[] = ["read", "write"];

/**
 * `tools`: pattern → class. Keys and values are checked in one pass, so that a bad class does not
 * hide a bad pattern: each pattern must compile with core's one allowlist matcher.
 */
const toolClassesSchema = z
  .record(z.string(), z.unknown())
  .superRefine((classes, ctx) => {
    for (const [pattern, kind] of Object.entries(classes)) {
      if (typeof kind !== "string" || !CLASSES.includes(kind)) {
        ctx.addIssue({
          code: "custom",
          path: [pattern],
          message: `must be "read" or "write"; got ${JSON.stringify(kind) ?? String(kind)}`,
          params: { sec0: "invalid_value" },
        });
      }
      try {
        compileAllowlist([pattern]);
      } catch (error) {
        ctx.addIssue({
          code: "custom",
          path: [pattern],
          message: `${(error as Error).message} (keys of side_effects.tools take the allowlist's forms, e.g. "mcp://files/delete_file@*")`,
          params: { sec0: "invalid_allowlist_entry" },
        });
      }
    }
  })
  .transform((classes) => classes as Record<string, SideEffectClass>);

/**
 * `side_effects`: idempotency for side-effecting calls. `tools` maps tool patterns (the
 * allowlist's forms) to `read` or `write`, the class a tool has whatever its name, annotations or
 * arguments say; `idempotency_ttl` is how long a completed call is replayed for its key.
 */
export const sideEffectsSchema = z.strictObject({
  require_idempotency_key: z.boolean().optional(),
  max_retries: z.number().int().min(0).max(10).optional(),
  idempotency_ttl: positiveDurationSchema.optional(),
  tools: toolClassesSchema.optional(),
});

/** The class a policy gives a tool in `side_effects.tools`. */
export type SideEffectClass = "read" | "write";
