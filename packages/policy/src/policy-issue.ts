/** One problem found in a policy: where it is and what to do about it. */
export interface PolicyIssue {
  /** Dotted path of the field, e.g. `enforcement.deny_on[1]`; empty for the whole document. */
  readonly path: string;
  readonly segments: readonly (string | number)[];
  /** 1-based line and column when the policy came from YAML text. */
  readonly line?: number;
  readonly column?: number;
  readonly message: string;
  /**
   * What kind of problem: `unknown_key`, `missing`, `invalid_type`, `invalid_value`,
   * `out_of_range`, `invalid_duration`, `invalid_regex`, `unknown_reason_code`,
   * `invalid_allowlist_entry`, `invalid_argument_path`, `yaml_syntax`, `too_many_issues` (the last
   * issue when more than 100 were found).
   */
  readonly code: string;
  /** The nearest known key or code, for `unknown_key` and `unknown_reason_code`. */
  readonly suggestion?: string;
}

/** Formats path segments as `a.b[0]["odd key"]`. */
export function formatPath(segments: readonly (string | number)[]): string {
  let out = "";
  for (const segment of segments) {
    if (typeof segment === "number") out += `[${segment}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(segment)) out += out.length === 0 ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/** `path: message (line L, column C)` — one issue on one line. */
export function describeIssue(issue: PolicyIssue): string {
  const where = issue.line === undefined ? "" : ` (line ${issue.line}, column ${issue.column ?? 1})`;
  return `${issue.path.length === 0 ? "(root)" : issue.path}: ${issue.message}${where}`;
}
