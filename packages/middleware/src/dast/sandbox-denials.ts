import { relative, resolve } from "node:path";
import type { ScanFinding } from "@sec0/core";
import type { FsMatcher } from "@sec0/policy";

/** The prefix of a denial line the sandbox entry writes on stderr. */
export const DENIAL_MARK = "sec0-dast-denied ";

/** A filesystem call the sandbox's permission model denied. */
export interface SandboxDenial {
  /** `FileSystemWrite`, … (Node's permission scope). */
  readonly permission: string;
  /** The absolute path the tool tried to reach. */
  readonly resource: string;
}

const DENIED_IN_TEXT = /ERR_ACCESS_DENIED[^\n]*?((?:[A-Za-z]:)?[\\/][^\s"'`,;)\]}]+)/g;

/** The denials reported on a sandboxed server's stderr (one JSON line each after {@link DENIAL_MARK}). */
export function denialsInStderr(stderr: string): SandboxDenial[] {
  const out: SandboxDenial[] = [];
  for (const line of stderr.split("\n")) {
    if (!line.startsWith(DENIAL_MARK)) continue;
    try {
      const parsed = JSON.parse(line.slice(DENIAL_MARK.length)) as Partial<SandboxDenial>;
      if (typeof parsed.resource === "string")
        out.push({ permission: String(parsed.permission ?? "FileSystemWrite"), resource: parsed.resource });
    } catch {
      // a line the server forged or cut: not a denial
    }
  }
  return out;
}

/** The denials a tool's own output or error text mentions (`ERR_ACCESS_DENIED … /path`). */
export function denialsInText(text: string, dir: string): SandboxDenial[] {
  return [...text.matchAll(DENIED_IN_TEXT)].map((match) => ({
    permission: "FileSystemWrite",
    resource: resolve(dir, match[1] as string),
  }));
}

/**
 * Findings of the sandbox's denials, one per path: a write outside the sandbox directory is
 * `dast/fs-write-outside` (high, CWE-22) when the policy's `fs_allowlist` does not cover the
 * path (or there is none); one the allowlist covers is `dast/fs-write-denied` (low): the tool
 * writes where the policy lets it, the sandbox just does not.
 */
export function denialFindings(
  denials: readonly SandboxDenial[],
  dir: string,
  fs: FsMatcher | undefined,
): ScanFinding[] {
  const seen = new Set<string>();
  const out: ScanFinding[] = [];
  for (const { permission, resource } of denials) {
    if (seen.has(resource) || isInside(resource, dir)) continue;
    seen.add(resource);
    const allowed = fs?.isAllowed(resource) === true;
    out.push({
      ruleId: allowed ? "dast/fs-write-denied" : "dast/fs-write-outside",
      message: allowed
        ? `The tool wrote to ${resource} (${permission}): the fs_allowlist covers it, the sandbox denied it`
        : `The tool tried to write outside its sandbox, to ${resource} (${permission}), a path the fs_allowlist does not allow`,
      severity: allowed ? "low" : "high",
      cwe: ["CWE-22"],
      file: resource,
      source: "dast-sandbox",
    });
  }
  return out;
}

function isInside(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  return rel === "" || (!rel.startsWith("..") && !rel.startsWith("/"));
}
