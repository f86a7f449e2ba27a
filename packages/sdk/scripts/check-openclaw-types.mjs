#!/usr/bin/env node
// Checks that the OpenClaw plugin-API declarations vendored in
// src/integrations/openclaw/openclaw-plugin-api.ts still match the published `openclaw` package:
// each event, context and result type is assignable both ways to the published one, the published
// `OpenClawPluginApi` is usable where ours is expected, and `createMoltbotPlugin(...)` (and the tools it registers) is accepted by
// the published `definePluginEntry`. Manual (not in CI: the tarball is about 95 MB).
//
//   node packages/sdk/scripts/check-openclaw-types.mjs [extracted-package-dir]
//
// The directory is the argument, else OPENCLAW_PACKAGE_DIR, else `npm pack openclaw@2026.9.6` is
// run into a temporary directory and extracted there. Exits 0 when tsc accepts the check file.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const OPENCLAW_VERSION = "2026.9.6";
const sdkDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const repoDir = resolve(sdkDir, "../..");

function packageDir() {
  const given = process.argv[2] ?? process.env.OPENCLAW_PACKAGE_DIR;
  if (given !== undefined && given !== "") return { dir: resolve(given), cleanup: () => {} };
  const scratch = mkdtempSync(join(tmpdir(), "openclaw-pack-"));
  console.log(`npm pack openclaw@${OPENCLAW_VERSION} into ${scratch} …`);
  execFileSync("npm", ["pack", `openclaw@${OPENCLAW_VERSION}`, "--silent"], {
    cwd: scratch,
    stdio: "inherit",
  });
  const tarball = readdirSync(scratch).find((file) => file.endsWith(".tgz"));
  if (tarball === undefined) throw new Error("npm pack produced no tarball");
  execFileSync("tar", ["-xzf", tarball], { cwd: scratch });
  return { dir: join(scratch, "package"), cleanup: () => rmSync(scratch, { recursive: true, force: true }) };
}

/** The check file: `Ours`/`Theirs` pairs that must be assignable both ways. */
function checkSource(entryImport, vendoredImport, pluginImport) {
  return `import type { OpenClawPluginApi as TheirApi, OpenClawPluginDefinition as TheirDefinition } from ${JSON.stringify(entryImport)};
import { definePluginEntry } from ${JSON.stringify(entryImport)};
import type * as Ours from ${JSON.stringify(vendoredImport)};
import { createMoltbotPlugin } from ${JSON.stringify(pluginImport)};

declare const api: TheirApi;
type HookName = "before_tool_call" | "after_tool_call" | "message_received" | "message_sending";
type Handler<K extends HookName> = Parameters<typeof api.on<K>>[1];
type EventOf<K extends HookName> = Parameters<Handler<K>>[0];
type CtxOf<K extends HookName> = Parameters<Handler<K>>[1];
type ResultOf<K extends "before_tool_call" | "message_sending"> = Exclude<Awaited<ReturnType<Handler<K>>>, void>;

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const assertSame = <T extends true>(_check: T): void => {};

assertSame<Same<Ours.OpenClawBeforeToolCallEvent, EventOf<"before_tool_call">>>(true);
assertSame<Same<Ours.OpenClawAfterToolCallEvent, EventOf<"after_tool_call">>>(true);
assertSame<Same<Ours.OpenClawToolContext, CtxOf<"before_tool_call">>>(true);
assertSame<Same<Ours.OpenClawToolContext, CtxOf<"after_tool_call">>>(true);
assertSame<Same<Ours.OpenClawMessageReceivedEvent, EventOf<"message_received">>>(true);
assertSame<Same<Ours.OpenClawMessageSendingEvent, EventOf<"message_sending">>>(true);
assertSame<Same<Ours.OpenClawMessageContext, CtxOf<"message_received">>>(true);
assertSame<Same<Ours.OpenClawMessageContext, CtxOf<"message_sending">>>(true);
assertSame<Same<Ours.OpenClawBeforeToolCallResult, ResultOf<"before_tool_call">>>(true);
assertSame<Same<Ours.OpenClawMessageSendingResult, ResultOf<"message_sending">>>(true);
assertSame<Same<Ours.OpenClawPluginLogger, TheirApi["logger"]>>(true);
assertSame<Same<Ours.OpenClawHookOptions, Pick<NonNullable<Parameters<typeof api.on<"before_tool_call">>[2]>, "priority" | "timeoutMs">>>(true);

// The published api is usable wherever ours is expected (ours is a subset of it).
const ourApi: Ours.OpenClawPluginApi = api;
void ourApi;
// Our handlers are accepted by the published \`api.on\`.
declare const handlers: Ours.OpenClawHookHandlerMap;
api.on("before_tool_call", handlers.before_tool_call, { priority: 100 });
api.on("after_tool_call", handlers.after_tool_call, { priority: -10 });
api.on("message_received", handlers.message_received, { priority: 50 });
api.on("message_sending", handlers.message_sending, { priority: 50 });
// Our tools and tool factories are accepted by the published \`api.registerTool\`.
declare const tool: Ours.OpenClawAgentTool;
declare const factory: Ours.OpenClawPluginToolFactory;
declare const toolOptions: Ours.OpenClawPluginToolOptions;
api.registerTool(tool, toolOptions);
api.registerTool(factory, { name: "sec0.call_gateway" });
assertSame<Same<Ours.OpenClawPluginToolOptions, NonNullable<Parameters<typeof api.registerTool>[1]>>>(true);
// Our plugin definition is a published one, and definePluginEntry takes it.
const plugin = createMoltbotPlugin(() => ({}) as never);
const definition: TheirDefinition = plugin;
void definition;
definePluginEntry({ id: plugin.id, name: plugin.name, description: plugin.description, register: plugin.register });
`;
}

function main() {
  const { dir, cleanup } = packageDir();
  const entry = join(dir, "dist/plugin-sdk/plugin-entry.d.ts");
  if (!existsSync(entry)) throw new Error(`${entry} not found: is ${dir} an extracted openclaw package?`);
  const work = join(sdkDir, ".openclaw-type-check");
  mkdirSync(work, { recursive: true });
  try {
    const rel = (path) => {
      const r = relative(work, path).replaceAll("\\", "/");
      return r.startsWith(".") ? r : `./${r}`;
    };
    writeFileSync(
      join(work, "check.ts"),
      checkSource(
        rel(join(dir, "dist/plugin-sdk/plugin-entry.js")),
        rel(join(sdkDir, "src/integrations/openclaw/openclaw-plugin-api.js")),
        rel(join(sdkDir, "src/integrations/openclaw/create-moltbot-plugin.js")),
      ),
    );
    writeFileSync(
      join(work, "tsconfig.json"),
      JSON.stringify({
        extends: rel(join(repoDir, "tooling/tsconfig/base.json")),
        compilerOptions: {
          noEmit: true,
          skipLibCheck: true,
          rootDir: rel(repoDir),
          customConditions: ["@sec0/source"],
        },
        files: ["check.ts"],
      }),
    );
    execFileSync("npx", ["tsc", "-p", join(work, "tsconfig.json")], { cwd: sdkDir, stdio: "inherit" });
    console.log(`ok: the vendored OpenClaw plugin API matches openclaw ${OPENCLAW_VERSION} (${dir})`);
  } finally {
    rmSync(work, { recursive: true, force: true });
    cleanup();
  }
}

try {
  main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
