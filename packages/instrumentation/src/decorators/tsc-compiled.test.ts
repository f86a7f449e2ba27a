// The decorators as TypeScript itself lowers them (standard decorators at target ES2022, and the
// legacy experimentalDecorators form), not only as vitest's esbuild does.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { createMemoryAuditSink } from "@sec0/testkit";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AgentManager } from "../agent-manager/index.js";
import { resetSec0AppForTests } from "../config/index.js";
import { initTestApp } from "../hop/__fixtures__/test-app.js";
import { sec0 } from "./sec0.js";

const SOURCE = `
export function build(sec0: any, options: unknown) {
  class OrderAgent {
    tag = "compiled";
    @sec0.agent(undefined, options)
    run(ctx: unknown, input: { orderId: string }, manager?: unknown) {
      return { tag: this.tag, orderId: input.orderId, manager };
    }
    @sec0.agent(undefined, options)
    async *stream(ctx: unknown) {
      yield this.tag;
    }
  }
  return OrderAgent;
}
`;

const tsc = join(dirname(createRequire(import.meta.url).resolve("typescript/package.json")), "bin", "tsc");

async function compile(extraFlags: readonly string[]): Promise<{ build: Build; js: string }> {
  const dir = mkdtempSync(join(tmpdir(), "sec0-tsc-"));
  writeFileSync(join(dir, "agent.ts"), SOURCE);
  execFileSync(
    process.execPath,
    [
      tsc,
      "--target",
      "es2022",
      "--module",
      "esnext",
      "--types",
      "",
      "--outDir",
      join(dir, "out"),
      ...extraFlags,
      join(dir, "agent.ts"),
    ],
    { cwd: dir, stdio: "pipe" },
  );
  const file = join(dir, "out", "agent.js");
  const module = (await import(/* @vite-ignore */ pathToFileURL(file).href)) as { build: Build };
  return { build: module.build, js: readFileSync(file, "utf8") };
}

/** The compiled module's `build(sec0, options)`: returns the decorated class. */
// biome-ignore lint/suspicious/noExplicitAny: the compiled class is untyped JavaScript.
type Build = (sec0: unknown, options: unknown) => any;

const sink = createMemoryAuditSink();

beforeEach(() => {
  initTestApp({
    "OrderAgent.stream": {
      type: "agent",
      nodeId: "order-agent",
      agentName: "order-agent",
      agentVersion: "1.0.0",
    },
  });
  sink.clear();
});
afterEach(() => resetSec0AppForTests());

describe("decorators compiled by tsc", () => {
  it.each([
    ["standard decorators, target ES2022", [] as string[], "__esDecorate"],
    ["experimentalDecorators", ["--experimentalDecorators"], "__decorate"],
  ])("%s", async (_name, flags, helper) => {
    const { build, js } = await compile(flags);
    expect(js).toContain(helper);
    const OrderAgent = build(sec0, { auditSink: sink });
    const agent = new OrderAgent();
    const result = agent.run({}, { orderId: "o-1" });
    expect(result.tag).toBe("compiled");
    expect(result.manager).toBeInstanceOf(AgentManager);
    const chunks: unknown[] = [];
    for await (const chunk of agent.stream({})) chunks.push(chunk);
    expect(chunks).toEqual(["compiled"]);
    expect(sink.records.map((record) => record.hop_key)).toEqual(["OrderAgent.run", "OrderAgent.stream"]);
  });
});
