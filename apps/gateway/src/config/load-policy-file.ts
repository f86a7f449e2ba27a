import { readFileSync } from "node:fs";
import { type ParsedPolicy, validatePolicyYaml } from "@sec0/policy";
import { configInvalid } from "./config-error.js";

/**
 * Reads and validates the policy file the config names (`policy:`), a sec0 policy with the
 * gateway's sections; the first issue is reported with its line and column.
 *
 * @throws {Sec0Error} `GATEWAY_APP_CONFIG_INVALID` naming the config's `policy` key for a missing
 *   file, or the policy file and its key path for invalid YAML or a schema issue.
 */
export function loadPolicyFile(absolutePath: string, shown: string, configShown: string): ParsedPolicy {
  let text: string;
  try {
    text = readFileSync(absolutePath, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "not found" : `cannot be read (${code ?? "error"})`;
    throw configInvalid(
      { source: configShown, path: "policy", message: `the policy file ${shown} ${why}` },
      error,
    );
  }
  const result = validatePolicyYaml(text);
  if (result.valid && result.policy !== undefined) return result.policy;
  const first = result.errors[0];
  throw configInvalid({
    source: shown,
    path: first?.path ?? "",
    message: result.syntaxError
      ? `invalid YAML: ${first?.message ?? "syntax error"}`
      : (first?.message ?? "invalid policy"),
    ...(first?.line === undefined ? {} : { line: first.line }),
    ...(first?.column === undefined ? {} : { column: first.column }),
  });
}
