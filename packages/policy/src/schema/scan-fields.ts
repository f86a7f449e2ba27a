import { z } from "zod";
import { severitySchema } from "./primitives.js";

/** `sync`: the first call after a change waits for the scan; `background`: the call goes on. */
export const scanModeSchema = z.enum(["sync", "background"]);

/** Milliseconds a wait or a scanner run may take, `1..max`. */
export function timeoutMsSchema(max: number) {
  return z.number().int().min(1).max(max);
}

const BARE_NAME = /^[A-Za-z0-9][A-Za-z0-9._+-]*$/;
const ABSOLUTE_PATH = /^(?:\/|[A-Za-z]:[\\/])[^\0\r\n]*$/;

/**
 * A scanner executable: a bare name looked up on `PATH` (`semgrep`) or an absolute path
 * (`/usr/local/bin/semgrep`). A relative path would depend on the working directory of whichever
 * process runs the scan, so it is refused.
 */
export const executableSchema = z.string().superRefine((value, ctx) => {
  if (BARE_NAME.test(value) || ABSOLUTE_PATH.test(value)) return;
  ctx.addIssue({
    code: "custom",
    message: `must be a bare command name ("semgrep") or an absolute path ("/usr/local/bin/semgrep"); got ${JSON.stringify(value)}`,
  });
});

/** An `http:` or `https:` URL (a scan target). */
export const httpUrlSchema = z.string().superRefine((value, ctx) => {
  let protocol: string | undefined;
  try {
    protocol = new URL(value).protocol;
  } catch {
    protocol = undefined;
  }
  if (protocol === "http:" || protocol === "https:") return;
  ctx.addIssue({
    code: "custom",
    message: `must be an http(s) URL, e.g. "http://127.0.0.1:9000"; got ${JSON.stringify(value)}`,
  });
});

/** The fields `sast` and `dast` share: on/off, mode, and when a scan blocks. */
export const scanGateFields = {
  enabled: z.boolean().optional(),
  mode: scanModeSchema.optional(),
  block_on_change: z.boolean().optional(),
  block_on_severity: severitySchema.optional(),
  block_on_count: z.number().int().min(1).optional(),
} as const;
