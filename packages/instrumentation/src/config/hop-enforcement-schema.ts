// `app.hops.<key>.enforcement`: the 0.2.3 keys, each accepted in snake_case or camelCase.
import { z } from "zod";
import { reasonList, text } from "./schema-primitives.js";

/** A hop's enforcement block after validation, every alias folded into its camelCase name. */
export interface HopEnforcementEntry {
  readonly enabled?: boolean;
  readonly mode?: "observe" | "enforce";
  readonly strategy?: "deny_on_match" | "deny_on_any";
  readonly denyOn?: readonly string[];
  readonly escalateOn?: readonly string[];
  readonly policyLevel?: "middleware" | "gateway";
  readonly policyScope?: "base" | "agent" | "auto";
  readonly policyNodeId?: string;
  readonly refreshTtlMs?: number;
  readonly fallbackToBase?: boolean;
}

/** snake_case key → camelCase key; both spellings are accepted, not both at once. */
const ALIASES = {
  deny_on: "denyOn",
  escalate_on: "escalateOn",
  policy_level: "policyLevel",
  policy_scope: "policyScope",
  policy_node_id: "policyNodeId",
  refresh_ttl_ms: "refreshTtlMs",
  fallback_to_base: "fallbackToBase",
} as const;

const values = {
  denyOn: reasonList(),
  escalateOn: reasonList(),
  policyLevel: z.enum(["middleware", "gateway"]),
  policyScope: z.enum(["base", "agent", "auto"]),
  policyNodeId: text(),
  refreshTtlMs: z.number().int().nonnegative(),
  fallbackToBase: z.boolean(),
};

const shape: Record<string, z.ZodType> = {
  enabled: z.boolean().optional(),
  mode: z
    .string()
    .transform((value) => value.toLowerCase())
    .pipe(z.enum(["observe", "enforce"]))
    .optional(),
  strategy: z.enum(["deny_on_match", "deny_on_any"]).optional(),
};
for (const [snake, camel] of Object.entries(ALIASES)) {
  shape[snake] = values[camel].optional();
  shape[camel] = values[camel].optional();
}

/** The enforcement block; writing both spellings of one key is refused, naming the snake_case one. */
export const hopEnforcementSchema = z
  .strictObject(shape)
  .superRefine((entry, ctx) => {
    for (const [snake, camel] of Object.entries(ALIASES)) {
      if (entry[snake] !== undefined && entry[camel] !== undefined) {
        ctx.addIssue({
          code: "custom",
          path: [snake],
          message: `is the same setting as ${camel}; keep only one of them`,
        });
      }
    }
  })
  .transform((entry): HopEnforcementEntry => {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(entry)) {
      if (value === undefined) continue;
      out[(ALIASES as Record<string, string>)[key] ?? key] = value;
    }
    return out as HopEnforcementEntry;
  });
