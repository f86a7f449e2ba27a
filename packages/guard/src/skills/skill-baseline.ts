import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { Logger } from "@sec0/core";
import type { SkillChange } from "./skill-gate-types.js";

/** One skill's committed revision. */
export interface SkillBaselineEntry {
  readonly version: string;
  readonly digest: string;
}

/** The committed baseline of skill revisions (`{ version: 1, skills: { "<source/author/name>": … } }`). */
export interface SkillBaseline {
  get(skillRef: string): SkillBaselineEntry | undefined;
  /** Records a revision that passed and writes the file (temp file, rename). */
  commit(skillRef: string, entry: SkillBaselineEntry): void;
  /** Writes the file if a commit could not be written. */
  flush(): void;
}

/**
 * Opens the baseline at `path` (missing: empty). A file that does not parse is moved aside as
 * `<path>.corrupt-<ms>` (logged) and the baseline starts empty: every skill is then first seen
 * and scanned again. Write failures are logged and retried at `flush`.
 */
export function openSkillBaseline(path: string, logger: Logger, now: () => number): SkillBaseline {
  const skills = new Map<string, SkillBaselineEntry>(Object.entries(readSkills(path, logger, now)));
  let dirty = false;
  const write = (): void => {
    try {
      mkdirSync(dirname(path), { recursive: true });
      const temp = `${path}.${process.pid}.tmp`;
      const sorted = Object.fromEntries([...skills].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
      writeFileSync(temp, `${JSON.stringify({ version: 1, skills: sorted }, null, 2)}\n`);
      renameSync(temp, path);
      dirty = false;
    } catch (error) {
      dirty = true;
      logger.error({ err: (error as Error).message, path }, "sec0 could not write the skills baseline");
    }
  };
  return {
    get: (skillRef) => skills.get(skillRef),
    commit(skillRef, entry) {
      const known = skills.get(skillRef);
      if (known?.version === entry.version && known.digest === entry.digest && !dirty) return;
      skills.set(skillRef, { version: entry.version, digest: entry.digest });
      write();
    },
    flush() {
      if (dirty) write();
    },
  };
}

/** How a revision compares with its baseline entry: a version change is named before a code change. */
export function skillChangeOf(known: SkillBaselineEntry | undefined, seen: SkillBaselineEntry): SkillChange {
  if (known === undefined) return "first_seen";
  if (known.version !== seen.version) return "version_changed";
  return known.digest === seen.digest ? "unchanged" : "code_changed";
}

function readSkills(path: string, logger: Logger, now: () => number): Record<string, SkillBaselineEntry> {
  if (!existsSync(path)) return {};
  try {
    const parsed = JSON.parse(readFileSync(path, "utf8")) as { version?: unknown; skills?: unknown };
    if (parsed.version !== 1 || parsed.skills === null || typeof parsed.skills !== "object") {
      throw new Error("not a sec0 skills baseline (version 1)");
    }
    const entries = Object.entries(parsed.skills as Record<string, unknown>);
    const bad = entries.find(([, entry]) => !isEntry(entry));
    if (bad !== undefined) throw new Error(`the entry of ${bad[0]} needs a version and a digest`);
    return Object.fromEntries(entries) as Record<string, SkillBaselineEntry>;
  } catch (error) {
    const aside = `${path}.corrupt-${now()}`;
    try {
      renameSync(path, aside);
    } catch {
      // Moving aside failed: the next write replaces the file; the warning below still says why.
    }
    logger.warn(
      { err: (error as Error).message, path, movedTo: aside },
      "sec0 skills baseline did not parse; starting empty (every skill is scanned again)",
    );
    return {};
  }
}

function isEntry(value: unknown): value is SkillBaselineEntry {
  const entry = value as SkillBaselineEntry | null;
  return typeof entry?.version === "string" && typeof entry.digest === "string";
}
