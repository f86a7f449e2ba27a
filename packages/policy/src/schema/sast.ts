import { z } from "zod";
import { positiveDurationSchema } from "./primitives.js";
import { executableSchema, scanGateFields, timeoutMsSchema } from "./scan-fields.js";

const semgrepSchema = z.strictObject({
  bin: executableSchema.optional(),
  /** A registry ruleset (`p/javascript`) or a rules file; required with `scanner: semgrep`. */
  ruleset: z.string().min(1).optional(),
  timeout_ms: timeoutMsSchema(600_000).optional(),
});

/**
 * The `sast` section: static analysis of a tool's code, per code identity. A `semgrep` block goes
 * with `scanner: semgrep` only, and then needs a `ruleset`.
 */
export const sastSchema = z
  .strictObject({
    ...scanGateFields,
    cache_ttl: positiveDurationSchema.optional(),
    timeout_ms: timeoutMsSchema(300_000).optional(),
    scanner: z.enum(["builtin", "semgrep"]).optional(),
    semgrep: semgrepSchema.optional(),
  })
  .superRefine((section, ctx) => {
    const scanner = section.scanner ?? "builtin";
    if (scanner === "builtin" && section.semgrep !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["semgrep"],
        message: 'a semgrep block needs scanner: semgrep (the scanner is "builtin")',
      });
    }
    if (scanner === "semgrep" && section.semgrep === undefined) {
      ctx.addIssue({
        code: "custom",
        path: [],
        message:
          "scanner: semgrep needs a semgrep block with a ruleset, e.g. semgrep: { ruleset: p/javascript }",
        params: { sec0: "missing" },
      });
    }
    if (scanner === "semgrep" && section.semgrep !== undefined && section.semgrep.ruleset === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["semgrep"],
        message: "scanner: semgrep needs semgrep.ruleset, e.g. ruleset: p/javascript",
        params: { sec0: "missing" },
      });
    }
  });

/** The `sast` section as written. */
export type SastPolicy = z.infer<typeof sastSchema>;
