import { z } from "zod";
import { allowlistSchema, severitySchema } from "./primitives.js";

/**
 * The `skills` section: which agent skills may load and how their scans gate them. Scanning is on
 * when the section is present (`enabled` defaults to true there), as 0.2.3 policies expect.
 */
export const skillsSchema = z.strictObject({
  enabled: z.boolean().optional(),
  allowlist: allowlistSchema.optional(),
  deny_if_unpinned_version: z.boolean().optional(),
  scan_on_change_only: z.boolean().optional(),
  block_on_change: z.boolean().optional(),
  block_on_severity: severitySchema.optional(),
  /** Path of the committed baseline of skill digests (e.g. `.sec0/skills-baseline.json`). */
  baseline: z.string().min(1).optional(),
});

/** The `skills` section as written. */
export type SkillsPolicy = z.infer<typeof skillsSchema>;
