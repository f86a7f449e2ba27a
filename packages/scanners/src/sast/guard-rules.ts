import type { ESLint, Rule } from "eslint";

/**
 * A plugin whose rules cannot crash the lint: each listener that throws is skipped for that node
 * (e.g. `@microsoft/sdl/no-insecure-random` throws on `require(nonLiteral)`). Without this, code
 * that trips a rule bug would make the whole scan fail and hide every other finding.
 */
export function guardPlugin(plugin: ESLint.Plugin): ESLint.Plugin {
  const rules = Object.entries(plugin.rules ?? {}).map(([name, rule]) => [
    name,
    guardRule(rule as Rule.RuleModule),
  ]);
  return { ...plugin, rules: Object.fromEntries(rules) };
}

function guardRule(rule: Rule.RuleModule): Rule.RuleModule {
  return {
    ...rule,
    create(context) {
      const listeners = rule.create(context) as Record<string, ((...args: unknown[]) => void) | undefined>;
      const guarded: Record<string, (...args: unknown[]) => void> = {};
      for (const [selector, listener] of Object.entries(listeners)) {
        if (typeof listener !== "function") continue;
        guarded[selector] = (...args) => {
          try {
            listener(...args);
          } catch {
            // A rule bug on this node: the other rules and nodes still run.
          }
        };
      }
      return guarded as Rule.RuleListener;
    },
  };
}
