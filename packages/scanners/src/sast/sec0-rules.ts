// sec0's own ESLint rules, for what eslint-plugin-security misses in tool handlers: dynamic
// `import("node:child_process")`, `process.binding`, `vm`, `Function(…)`, indirect `eval`.
// Severity and CWEs of each are in rule-table.ts (ids `sec0/<name>`).
import type { ESLint, Rule } from "eslint";

type Node = Rule.Node;

/** One rule of the local `sec0` plugin, with code it must and must not report (the tests run both). */
export interface Sec0Rule {
  readonly name: string;
  readonly meaning: string;
  readonly reports: readonly string[];
  readonly allows: readonly string[];
  readonly module: Rule.RuleModule;
}

const CHILD_PROCESS = new Set(["child_process", "node:child_process"]);
const VM_CALLS = new Set(["runInThisContext", "runInNewContext", "runInContext", "compileFunction"]);
const GLOBALS = new Set(["globalThis", "global", "window", "self"]);

/** The string a literal or an expression-free template holds, else undefined. */
function staticString(node: unknown): string | undefined {
  const n = node as {
    type?: string;
    value?: unknown;
    expressions?: unknown[];
    quasis?: { value: { cooked?: string } }[];
  };
  if (n?.type === "Literal" && typeof n.value === "string") return n.value;
  if (n?.type === "TemplateLiteral" && n.expressions?.length === 0) return n.quasis?.[0]?.value.cooked;
  return undefined;
}

function isStatic(node: unknown): boolean {
  const type = (node as { type?: string })?.type;
  return type === "Literal" || (type === "TemplateLiteral" && staticString(node) !== undefined);
}

/** The name of a member access (`a.b`, `a["b"]`), else undefined. */
function propertyName(node: unknown): string | undefined {
  const n = node as { type?: string; computed?: boolean; property?: { type: string; name?: string } };
  if (n?.type !== "MemberExpression" || n.property === undefined) return undefined;
  return n.computed ? staticString(n.property) : n.property.name;
}

function identifierName(node: unknown): string | undefined {
  const n = node as { type?: string; name?: string };
  return n?.type === "Identifier" ? n.name : undefined;
}

/** `x` or `globalThis.x` (also `global.` / `window.` / `self.`). */
function isGlobalRef(node: unknown, name: string): boolean {
  if (identifierName(node) === name) return true;
  const object = (node as { object?: unknown })?.object;
  return propertyName(node) === name && GLOBALS.has(identifierName(object) ?? "");
}

function ruleModule(description: string, create: Rule.RuleModule["create"]): Rule.RuleModule {
  return { meta: { type: "problem", docs: { description }, schema: [] }, create };
}

const childProcess: Sec0Rule = {
  name: "child-process",
  meaning: "child_process (with or without node:) via import, require or dynamic import().",
  reports: [
    'import { exec } from "node:child_process";',
    'const cp = require("node:child_process");',
    'async function f() { return (await import("node:child_process")).execSync("id"); }',
    "const m = import(`child_process`);",
  ],
  allows: ['import { readFile } from "node:fs/promises";', 'const p = require("node:path");'],
  module: ruleModule("Disallow loading child_process.", (context) => {
    const report = (node: Node, how: string) =>
      context.report({ node, message: `child_process loaded via ${how}: a tool handler can run commands.` });
    return {
      ImportDeclaration(node) {
        if (CHILD_PROCESS.has(String(node.source.value))) report(node, "import");
      },
      ImportExpression(node) {
        if (CHILD_PROCESS.has(staticString(node.source) ?? "")) report(node, "import()");
      },
      CallExpression(node) {
        const callee = node.callee;
        const isRequire = identifierName(callee) === "require" || propertyName(callee) === "require";
        if (isRequire && CHILD_PROCESS.has(staticString(node.arguments[0]) ?? "")) report(node, "require()");
      },
    };
  }),
};

/** What a handler's text shows of a child_process module loaded outside it: the usual names. */
const PROCESS_MODULES = /^(child_?process|childProcess|cp|proc|shell|shelljs|execa)$/i;
const SPAWN_CALLS = new Set(["exec", "execSync", "execFile", "execFileSync", "spawn", "spawnSync", "fork"]);

const processSpawn: Sec0Rule = {
  name: "process-spawn",
  meaning:
    "cp.exec / execSync / execFile / spawn / fork (child_process, shelljs) of a non-literal command: the module is often imported outside the handler's text.",
  reports: [
    "child_process.exec(`cat ${path}`, done);",
    "cp.spawnSync(args.bin, args.argv);",
    "shell.exec(args.cmd);",
    'childProcess["execSync"](input);',
  ],
  allows: ['cp.execFile("git", ["status"]);', "regex.exec(text);", "db.exec(sql);", "proc.exit(0);"],
  module: ruleModule("Disallow starting processes with a command built at run time.", (context) => ({
    CallExpression(node) {
      const name = propertyName(node.callee);
      if (name === undefined || !SPAWN_CALLS.has(name)) return;
      const object = identifierName((node.callee as { object?: unknown }).object) ?? "";
      if (!PROCESS_MODULES.test(object) || node.arguments.length === 0 || isStatic(node.arguments[0])) return;
      context.report({
        node,
        message: `${object}.${name}() starts a process with a command built at run time.`,
      });
    },
  })),
};

const processBinding: Sec0Rule = {
  name: "process-binding",
  meaning: "process.binding / process._linkedBinding / process.dlopen reach native internals.",
  reports: ['process.binding("spawn_sync");', "globalThis.process.dlopen(m, file);"],
  allows: ["process.cwd();", "const x = binding.run();"],
  module: ruleModule("Disallow process.binding and friends.", (context) => ({
    CallExpression(node) {
      const name = propertyName(node.callee);
      if (name !== "binding" && name !== "_linkedBinding" && name !== "dlopen") return;
      const object = (node.callee as { object?: unknown }).object;
      if (identifierName(object) === "process" || propertyName(object) === "process") {
        context.report({ node, message: `process.${name}() reaches Node's native internals.` });
      }
    },
  })),
};

const vmRun: Sec0Rule = {
  name: "vm-run",
  meaning: "vm.runIn*Context, vm.compileFunction and new vm.Script run code; vm is not a sandbox.",
  reports: [
    "vm.runInNewContext(code, {});",
    'require("node:vm").runInThisContext(src);',
    "new vm.Script(src);",
  ],
  allows: ["vm.isContext(x);", "runner.run(code);"],
  module: ruleModule("Disallow running code through node:vm.", (context) => ({
    CallExpression(node) {
      const name = propertyName(node.callee) ?? identifierName(node.callee);
      if (name !== undefined && VM_CALLS.has(name)) {
        context.report({ node, message: `${name}() runs code; node:vm is not a security boundary.` });
      }
    },
    NewExpression(node) {
      const object = (node.callee as { object?: unknown }).object;
      if (propertyName(node.callee) === "Script" && identifierName(object) === "vm") {
        context.report({
          node,
          message: "new vm.Script() compiles code; node:vm is not a security boundary.",
        });
      }
    },
  })),
};

const newFunction: Sec0Rule = {
  name: "new-function",
  meaning: "new Function(…) / Function(…) compiles a string into code.",
  reports: [
    'const f = new Function("a", body);',
    'Function("return this")();',
    "new globalThis.Function(src);",
  ],
  allows: ["function f() {}", "const g = () => 1;"],
  module: ruleModule("Disallow the Function constructor.", (context) => {
    const check = (node: Node & { callee: unknown; arguments: unknown[] }) => {
      if (isGlobalRef(node.callee, "Function") && node.arguments.length > 0) {
        context.report({ node, message: "The Function constructor compiles a string into code." });
      }
    };
    return { NewExpression: check, CallExpression: check };
  }),
};

const evalNonLiteral: Sec0Rule = {
  name: "eval-non-literal",
  meaning: "eval of anything but a literal, also globalThis.eval(…) and indirect (0, eval)(…).",
  reports: ["eval(code);", "globalThis.eval(args.expr);", "(0, eval)(src);", "eval(`${a}+1`);"],
  allows: ['eval("1 + 1");', "evaluate(code);", "obj.eval(code);"],
  module: ruleModule("Disallow eval of non-literal code.", (context) => ({
    CallExpression(node) {
      const callee = node.callee as { type: string; expressions?: unknown[] };
      const last = callee.type === "SequenceExpression" ? callee.expressions?.at(-1) : callee;
      const arg = node.arguments[0];
      if (isGlobalRef(last, "eval") && arg !== undefined && !isStatic(arg)) {
        context.report({ node, message: "eval() of a non-literal runs code built at run time." });
      }
    },
  })),
};

/** sec0's rules, in the order of rule-table.ts. */
export const SEC0_RULES: readonly Sec0Rule[] = [
  childProcess,
  processSpawn,
  processBinding,
  vmRun,
  newFunction,
  evalNonLiteral,
];

/** The local ESLint plugin holding {@link SEC0_RULES}, registered as `sec0`. */
export const sec0Plugin: ESLint.Plugin = {
  meta: { name: "sec0", version: "1.0.0" },
  rules: Object.fromEntries(SEC0_RULES.map((r) => [r.name, r.module])),
};
