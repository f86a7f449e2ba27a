// A server that floods its stdout with invalid JSON-RPC must not flood the proxy's log: each line
// logged is bounded, and past a burst the proxy logs one "suppressed" line instead of one per message.
import { PassThrough } from "node:stream";
import { fileURLToPath } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import type { Logger } from "@sec0/core";
import { describe, expect, it } from "vitest";
import { createFakeGovernor } from "./__fixtures__/fake-governor.js";
import { startMcpProxy } from "./proxy.js";

const probe = fileURLToPath(new URL("./__fixtures__/probe-server.mjs", import.meta.url));

describe("the proxy's log under a flood of invalid messages", () => {
  it("logs a bounded line for each of the first few, then one suppressed count", async () => {
    const lines: { obj: object; msg: string }[] = [];
    const at = (obj: object, msg: string) => void lines.push({ obj, msg });
    const logger: Logger = { debug: at, info: at, warn: at, error: at };
    const toProxy = new PassThrough();
    const fromProxy = new PassThrough();
    const proxy = await startMcpProxy({
      command: process.execPath,
      args: [probe],
      stderr: "ignore",
      governor: createFakeGovernor({ allow: ["spew_invalid"] }),
      stdin: toProxy,
      stdout: fromProxy,
      logger,
    });
    const client = new Client({ name: "flood-client", version: "0.0.1" });
    try {
      await client.connect(new StdioServerTransport(fromProxy, toProxy));
      await client.callTool({ name: "spew_invalid", arguments: { count: 40, size: 3_000 } });
    } finally {
      await client.close();
      await proxy.close();
    }

    const relay = lines.filter((line) => line.msg === "mcp proxy relay error");
    expect(relay.length).toBeGreaterThan(0);
    expect(relay.length).toBeLessThanOrEqual(5);
    for (const line of lines) expect(JSON.stringify(line.obj).length).toBeLessThan(700);
    const summary = lines.find((line) => line.msg === "suppressed similar log messages");
    expect(summary?.obj).toEqual({ suppressed: 40 - relay.length, kind: "mcp proxy relay error" });
  });
});
