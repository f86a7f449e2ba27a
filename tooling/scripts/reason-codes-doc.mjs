// Renders docs/reason-codes.md from REASON_CODES in @sec0/core (built). `--write` updates the
// file; without it the text goes to stdout. A test keeps the file in step with the table.
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** @param {Record<string, {code: string, severity: string, meaning: string, legacy: boolean}>} codes */
export function renderReasonCodes(codes, groups, aliases) {
  const rows = Object.values(codes).map(
    (c) => `| \`${c.code}\` | ${c.severity} | ${c.legacy ? "0.2.3" : "sec0"} | ${c.meaning} |`,
  );
  const groupRows = Object.entries(groups).map(
    ([name, list]) => `| \`${name}\` | ${list.map((c) => `\`${c}\``).join(", ")} |`,
  );
  const aliasRows = Object.entries(aliases).map(([alias, code]) => `| \`${alias}\` | \`${code}\` |`);
  return [
    "# Reason codes",
    "",
    "The reasons sec0 records for a call, accepted in `enforcement.deny_on` and `enforcement.escalate_on`.",
    "Generated from `REASON_CODES` in `@sec0/core` by `node tooling/scripts/reason-codes-doc.mjs --write`.",
    "",
    "| code | default severity | since | meaning |",
    "|---|---|---|---|",
    ...rows,
    "",
    "## Groups",
    "",
    "A group name in `deny_on` / `escalate_on` stands for all of its codes.",
    "",
    "| group | codes |",
    "|---|---|",
    ...groupRows,
    "",
    "## Aliases",
    "",
    "| alias | code |",
    "|---|---|",
    ...aliasRows,
    "",
  ].join("\n");
}

const isMain = process.argv[1] === fileURLToPath(import.meta.url);
if (isMain) {
  const core = await import("@sec0/core");
  const text = renderReasonCodes(core.REASON_CODES, core.REASON_CODE_GROUPS, core.REASON_CODE_ALIASES);
  const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
  if (process.argv.includes("--write")) writeFileSync(join(root, "docs/reason-codes.md"), text);
  else process.stdout.write(text);
}
