import { lstatSync, readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { type ScanFinding, sha256Hex } from "@sec0/core";

/** One file of a skill folder: its text, or (binary) only the SHA-256 of its bytes. */
export interface SkillFile {
  /** Relative to the folder, `/`-separated. */
  readonly path: string;
  /** Absent for a binary file (not scanned). */
  readonly text?: string;
  /** Binary files: SHA-256 hex of the bytes (kept in the digest, so a changed binary is a change). */
  readonly sha256?: string;
}

/** What reading a skill folder gave: its files, and what makes it unsafe to trust whole. */
export interface SkillFolder {
  readonly files: readonly SkillFile[];
  /** Over the limits, a symlink leaving the folder, no `SKILL.md`: each refuses the skill. */
  readonly problems: readonly ScanFinding[];
}

/** At most this many files are read; more refuses the skill. */
export const MAX_SKILL_FILES = 200;
/** At most this many bytes in all; more refuses the skill. */
export const MAX_SKILL_BYTES = 2 * 1024 * 1024;
const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Reads a skill folder: `SKILL.md` and every other file under it, sorted by path. Text files are
 * kept for the scan; binary files (a NUL byte, or not UTF-8) only by digest. A symlink is followed
 * only to a file inside the folder (a directory symlink is not followed); one that leaves the
 * folder is a problem. More than {@link MAX_SKILL_FILES} files or {@link MAX_SKILL_BYTES} bytes
 * stops the walk with a problem. Never throws for the folder's contents.
 */
export function readSkillDir(dir: string): SkillFolder {
  const problems: ScanFinding[] = [];
  let root: string;
  try {
    root = realpathSync(dir);
  } catch (error) {
    return { files: [], problems: [problem("skill/unreadable", `cannot read ${dir}: ${messageOf(error)}`)] };
  }
  const files: SkillFile[] = [];
  const budget = { bytes: 0, stopped: false };
  try {
    walk(root, root, files, problems, budget);
  } catch (error) {
    problems.push(problem("skill/unreadable", `cannot read the skill folder: ${messageOf(error)}`));
  }
  if (!files.some((file) => file.path === "SKILL.md")) {
    problems.push(problem("skill/no-skill-md", "the folder has no SKILL.md", "high"));
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, problems };
}

function walk(
  root: string,
  dir: string,
  files: SkillFile[],
  problems: ScanFinding[],
  budget: { bytes: number; stopped: boolean },
): void {
  const names = readdirSync(dir).sort();
  for (const name of names) {
    if (budget.stopped) return;
    const full = join(dir, name);
    const path = relative(root, full).split(sep).join("/");
    const link = lstatSync(full);
    let target = full;
    if (link.isSymbolicLink()) {
      const resolved = resolveInside(root, full);
      if (resolved === undefined) {
        problems.push(
          problem("skill/symlink-outside", "a symlink leaves the skill folder", "critical", path),
        );
        continue;
      }
      if (!statSync(resolved).isFile()) continue;
      target = resolved;
    } else if (link.isDirectory()) {
      walk(root, full, files, problems, budget);
      continue;
    } else if (!link.isFile()) continue;
    if (files.length >= MAX_SKILL_FILES) {
      stop(budget, problems, `more than ${MAX_SKILL_FILES} files`);
      return;
    }
    budget.bytes += statSync(target).size; // before reading: a huge file is never loaded
    if (budget.bytes > MAX_SKILL_BYTES) {
      stop(budget, problems, `more than ${MAX_SKILL_BYTES} bytes`);
      return;
    }
    files.push(fileOf(path, readFileSync(target)));
  }
}

function fileOf(path: string, bytes: Buffer): SkillFile {
  if (bytes.includes(0)) return { path, sha256: sha256Hex(bytes) };
  try {
    return { path, text: utf8.decode(bytes) };
  } catch {
    return { path, sha256: sha256Hex(bytes) };
  }
}

function resolveInside(root: string, full: string): string | undefined {
  try {
    const resolved = realpathSync(full);
    return resolved === root || resolved.startsWith(`${root}${sep}`) ? resolved : undefined;
  } catch {
    return undefined; // a dangling link: nothing inside the folder
  }
}

function stop(budget: { stopped: boolean }, problems: ScanFinding[], what: string): void {
  budget.stopped = true;
  problems.push(problem("skill/too-large", `the skill folder has ${what}; it is not scanned whole`, "high"));
}

function problem(
  ruleId: string,
  message: string,
  severity: ScanFinding["severity"] = "high",
  file?: string,
): ScanFinding {
  return { ruleId, message, severity, source: "sec0", ...(file === undefined ? {} : { file }) };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
