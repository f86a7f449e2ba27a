// One test for every documented rule of every family: well-formed unique ids, a meaning, and
// examples that the rule (run as its detector runs it) matches and does not match.
import { describe, expect, it } from "vitest";
import { RULE_TABLES } from "./rule-tables.js";

const snake = (family: string) => family.replaceAll("-", "_");

describe("rule tables", () => {
  it("give every rule a unique, well-formed id and a one-line meaning", () => {
    const seen = new Set<string>();
    for (const table of RULE_TABLES)
      for (const rule of table.rules) {
        expect(rule.id, table.family).toMatch(
          new RegExp(`^${snake(table.family)}\\.[a-z0-9]+(?:_[a-z0-9]+)*$`),
        );
        expect(seen.has(rule.id), `duplicate id ${rule.id}`).toBe(false);
        seen.add(rule.id);
        expect(rule.meaning.trim().length, rule.id).toBeGreaterThan(0);
        expect(rule.meaning, rule.id).not.toContain("\n");
        expect(rule.matches.length, rule.id).toBeGreaterThan(0);
        expect(rule.ignores.length, rule.id).toBeGreaterThan(0);
      }
    expect(seen.size).toBeGreaterThan(200);
  });

  for (const table of RULE_TABLES)
    it(`${table.family}: each rule matches its examples and none of its near misses`, () => {
      const wrong: string[] = [];
      for (const rule of table.rules) {
        for (const text of rule.matches)
          if (!table.test(rule, text)) wrong.push(`${rule.id} misses ${JSON.stringify(text)}`);
        for (const text of rule.ignores)
          if (table.test(rule, text)) wrong.push(`${rule.id} matches ${JSON.stringify(text)}`);
      }
      expect(wrong).toEqual([]);
    });
});
