/** Moving names that resolve to whatever was published last (compared case-insensitively). */
const MOVING = new Set(["latest", "next", "main", "master", "head", "*", "x"]);

/** A range operator at the start (`^1.2.0`, `~1`, `>=1`, `<2`) or a range combinator inside. */
const RANGE = /^=?[\^~<>]|\|\||\s/;

/** A wildcard part of the release numbers (`1.x`, `1.2.*`, `1.X`). */
const WILDCARD_PART = /^(?:x|\*)$/i;

/**
 * True when a skill version does not name one revision: absent or empty; a moving name (`latest`,
 * `next`, `main`, `master`, `head`, `*`); a range (`^1.2.0`, `~1`, `>=1`, `1 - 2`, `1 || 2`); a
 * wildcard in the release numbers (`1.x`, `1.2.*`). Only the release part before `-` / `+` is
 * searched for wildcards, so `1.0.0-fix.1` is exact (0.2.3 called any version containing `x`
 * unpinned). Exact: `1.2.3`, `v1.2.3`, `=1.2.3`, `2026.8.31`, `1.0.0-rc.1`.
 *
 * @example
 * isUnpinnedSkillVersion("^1.2.0"); // true
 * isUnpinnedSkillVersion("1.0.0-fix.1"); // false
 */
export function isUnpinnedSkillVersion(version: string | undefined): boolean {
  if (version === undefined) return true;
  const text = version.trim();
  if (text.length === 0 || MOVING.has(text.toLowerCase())) return true;
  if (RANGE.test(text)) return true;
  const release = text.replace(/^[v=]/i, "").split(/[-+]/, 1)[0] ?? "";
  return release.split(".").some((part) => WILDCARD_PART.test(part));
}
