import { compileAllowlist } from "@sec0/core";
import { z } from "zod";

/** `request.url`, `hops.*.next`: dot-separated argument names, `*` for any one name. */
const ARGUMENT_PATH = /^[^.\s]+(?:\.[^.\s]+)*$/;

/** True when `path` is a well-formed argument path (see {@link targetArgumentsSchema}). */
export function isArgumentPath(path: string): boolean {
  return ARGUMENT_PATH.test(path);
}

const argumentPathSchema = z.string().superRefine((value, ctx) => {
  if (isArgumentPath(value)) return;
  ctx.addIssue({
    code: "custom",
    message: `"${value}" is not an argument path: write names separated by dots, e.g. "request.url" or "files.*.path" (no empty names, no spaces)`,
    params: { sec0: "invalid_argument_path" },
  });
});

/**
 * `security.target_arguments`: per tool pattern (allowlist syntax), the arguments that are paths
 * (`fs`) and URLs (`egress`). A kind listed here replaces the argument heuristics for that kind
 * and tool; an empty list says the tool names no target of that kind. Arrays on the way are
 * looked through, so `files.path` covers `{ files: [{ path }] }`.
 */
export const targetArgumentsSchema = z
  .record(
    z.string(),
    z.strictObject({
      fs: z.array(argumentPathSchema).optional(),
      egress: z.array(argumentPathSchema).optional(),
    }),
  )
  .superRefine((record, ctx) => {
    // Checked here rather than as a key schema, so the issue names the key and says what is wrong.
    for (const pattern of Object.keys(record)) {
      try {
        compileAllowlist([pattern]);
      } catch (error) {
        ctx.addIssue({
          code: "custom",
          path: [pattern],
          message: (error as Error).message,
          params: { sec0: "invalid_allowlist_entry" },
        });
      }
    }
  });

/** `security.target_arguments` as written. */
export type TargetArgumentsPolicy = z.infer<typeof targetArgumentsSchema>;
