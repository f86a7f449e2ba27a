import { type ScanFinding, sha256Hex } from "@sec0/core";
import { guardConfigError } from "../config-error.js";
import { readSkillDir, type SkillFile } from "./read-skill-dir.js";
import type { SkillInput } from "./skill-gate-types.js";

/** A skill's content as the gate verifies and scans it. */
export interface SkillContent {
  /** SHA-256 hex of the content; `undefined` when no content was given. */
  readonly digest: string | undefined;
  /** What the scanner reads: {@link canonicalSkillText} of the files. */
  readonly source: string | undefined;
  /** Problems reading the folder; each refuses the skill. */
  readonly problems: readonly ScanFinding[];
}

/**
 * Reads the content of a skill: `content` is one `SKILL.md` whose digest is SHA-256 of the text
 * itself (what `sha256sum SKILL.md` prints); `dir` is a folder whose digest is SHA-256 of
 * {@link canonicalSkillText}. Neither: no digest, no source.
 *
 * @throws {Sec0Error} `GUARD_CONFIG_INVALID` when both are given.
 */
export function readSkillContent(skill: SkillInput): SkillContent {
  if (skill.content !== undefined && skill.dir !== undefined) {
    throw guardConfigError("skill", "Give a skill's content or its dir, not both.");
  }
  if (skill.content !== undefined) {
    return {
      digest: sha256Hex(skill.content),
      // A NUL would shift the canonical split and hide the text after it from the scan.
      source: canonicalSkillText([{ path: "SKILL.md", text: skill.content.replaceAll("\u0000", " ") }]),
      problems: [],
    };
  }
  if (skill.dir === undefined) return { digest: undefined, source: undefined, problems: [] };
  const folder = readSkillDir(skill.dir);
  const source = canonicalSkillText(folder.files);
  return { digest: sha256Hex(source), source, problems: folder.problems };
}

/**
 * The canonical text of a skill's files, sorted by path: `path\0text` per file joined by `\0`
 * (text files hold no NUL, so the split is unambiguous); a binary file stands as
 * `path\0binary-sha256:<hex>`.
 */
export function canonicalSkillText(files: readonly SkillFile[]): string {
  return [...files]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((file) => `${file.path}\u0000${file.text ?? `binary-sha256:${file.sha256}`}`)
    .join("\u0000");
}

/** The text files of a canonical text (binary stand-ins left out): what a scanner reads. */
export function splitSkillText(source: string): Array<{ readonly path: string; readonly text: string }> {
  const parts = source.split("\u0000");
  const files: Array<{ path: string; text: string }> = [];
  for (let index = 0; index + 1 < parts.length; index += 2) {
    const text = parts[index + 1] as string;
    if (!/^binary-sha256:[0-9a-f]{64}$/.test(text)) files.push({ path: parts[index] as string, text });
  }
  return files;
}

/** A ref's `#digest` as the gate compares it: SHA-256 (`sha256:<hex>` or bare hex) as lowercase hex. */
export function normalizeDigest(refDigest: string): string {
  return /^(?:sha256:)?[0-9a-f]{64}$/i.test(refDigest)
    ? refDigest.toLowerCase().replace(/^sha256:/, "")
    : refDigest;
}

/** True when a ref's `#digest` (`sha256:<hex>` or bare hex, any case) names `hex`. */
export function digestMatches(refDigest: string, hex: string): boolean {
  return normalizeDigest(refDigest) === hex.toLowerCase();
}
