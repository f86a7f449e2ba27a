/**
 * What every rule of a detector family carries besides its pattern: a stable id, a one-line
 * meaning, and examples that must and must not match. One table-driven test checks every rule of
 * every family against its examples, so a rule cannot change meaning silently.
 */
export interface RuleDoc {
  /** Stable id, `<family>.<name>` (e.g. `secrets.aws_access_key`), unique across all families. */
  readonly id: string;
  /** One line: what a match means. */
  readonly meaning: string;
  /** Strings the rule must match, each on its own. At least one. */
  readonly matches: readonly string[];
  /** Strings the rule must not match (near misses). At least one. */
  readonly ignores: readonly string[];
}

/** A family's rules as the table-driven test sees them: the docs and how to try one rule. */
export interface RuleTable<R extends RuleDoc = RuleDoc> {
  /** Folder name of the family under `src/detectors/`. */
  readonly family: string;
  readonly rules: readonly R[];
  /** True when `rule` alone matches `text`. */
  test(rule: R, text: string): boolean;
}
