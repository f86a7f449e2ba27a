import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compilePolicy } from "./compile-policy.js";
import { parsePolicyYaml, validatePolicyYaml } from "./parse-policy-yaml.js";

const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
const blocks = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((match) => match[1] as string);

/** README snippets are sections; they are parsed inside a policy with a tenant. */
function asPolicy(text: string): string {
  return /^tenant:/m.test(text) ? text : `tenant: my-app\n${text}`;
}

describe("the README's YAML examples", () => {
  it("has the scan sections' examples", () => {
    for (const section of ["sast", "dast", "skills"]) {
      expect(blocks.some((block) => block.startsWith(`${section}:`))).toBe(true);
    }
  });

  it.each(blocks.map((block) => [block.split("\n", 1)[0], block]))(
    "%s parses and compiles",
    (_head, block) => {
      const text = asPolicy(block as string);
      expect(validatePolicyYaml(text).errors).toEqual([]);
      expect(compilePolicy(parsePolicyYaml(text)).tenant).toBe("my-app");
    },
  );

  it("compiles the scan examples as documented", () => {
    const scansOf = (head: string) =>
      compilePolicy(parsePolicyYaml(asPolicy(blocks.find((block) => block.startsWith(head)) ?? ""))).scans;
    expect(scansOf("sast:").sast.scanner).toEqual({
      kind: "semgrep",
      bin: "semgrep",
      ruleset: "p/javascript",
      timeoutMs: 60_000,
    });
    expect(scansOf("dast:").dast).toMatchObject({ enabled: true, mode: "background", ruleTtlMs: 600_000 });
    expect(scansOf("skills:").skills).toMatchObject({
      enabled: true,
      blockOnChange: true,
      baselinePath: ".sec0/skills-baseline.json",
    });
  });
});
