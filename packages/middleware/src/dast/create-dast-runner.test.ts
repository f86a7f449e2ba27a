import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { compilePolicy } from "@sec0/policy";
import { afterEach, describe, expect, it } from "vitest";
import { createDastRunner } from "./create-dast-runner.js";
import { sandboxedServerOf } from "./dast-options.js";

const FIXTURES = fileURLToPath(new URL("../__fixtures__/dast/", import.meta.url));
const server = { server: { command: process.execPath, args: [join(FIXTURES, "dast-server.mjs")] } };

function settingsFor(tool: string, dast: Record<string, unknown> = {}) {
  const compiled = compilePolicy({
    tenant: "acme",
    dast: { enabled: true, rule_ttl: "1m", timeout_ms: 3000, ...dast },
  } as never);
  return { ...compiled.scans.dast, tool };
}

const target = (tool: string, dast?: Record<string, unknown>) => ({
  kind: "dast" as const,
  subject: `mcp://files/${tool}@1.0.0`,
  digest: "d".repeat(64),
  settings: settingsFor(tool, dast),
});

describe("createDastRunner", () => {
  const path = process.env.PATH;
  afterEach(() => {
    process.env.PATH = path;
  });

  it("passes a benign tool on the sandboxed server", async () => {
    const report = await createDastRunner(server, process.cwd())(target("add"));
    expect(report).toMatchObject({ kind: "dast", status: "pass", findings: [], scanner: "dast-probe@1" });
  }, 30_000);

  it("fails a tool the server does not serve, with a coded error", async () => {
    await expect(createDastRunner(server, process.cwd())(target("missing"))).rejects.toMatchObject({
      code: "MIDDLEWARE_CONFIG_INVALID",
    });
  }, 30_000);

  it("fails every scan without the dast.server option", async () => {
    await expect(createDastRunner(undefined, process.cwd())(target("add"))).rejects.toMatchObject({
      code: "MIDDLEWARE_CONFIG_INVALID",
      message: expect.stringContaining("dast.server"),
    });
  });

  it("merges Nuclei's findings against nuclei.target when the policy sets dast.nuclei", async () => {
    const bin = mkdtempSync(join(tmpdir(), "sec0-nuclei-"));
    cpSync(join(FIXTURES, "fake-nuclei.sh"), join(bin, "nuclei"));
    process.env.PATH = `${bin}:${path}`;
    const nuclei = { templates: "t/lfi.yaml", target: "http://127.0.0.1:8931" };
    const report = await createDastRunner(server, process.cwd())(target("add", { nuclei }));
    expect(report).toMatchObject({ status: "fail", scanner: "dast-probe@1+nuclei" });
    expect(report.findings).toEqual([expect.objectContaining({ severity: "high", source: "nuclei" })]);
  }, 30_000);

  it("runs no binary but the bare nuclei the policy may name", async () => {
    const nuclei = { templates: "t", target: "http://127.0.0.1:8931", bin: "/bin/sh" };
    const report = await createDastRunner(server, process.cwd())(target("add", { nuclei }));
    expect(report.status).toBe("fail");
    expect(report.error).toMatch(/^SCANNERS_/);
  }, 30_000);
});

describe("sandboxedServerOf", () => {
  it("resolves the script against cwd", () => {
    expect(
      sandboxedServerOf({ server: { command: "node", args: ["srv.mjs", "--port", "1"] } }, "/app"),
    ).toEqual({
      script: "/app/srv.mjs",
      args: ["--port", "1"],
    });
  });

  it.each([
    { command: "/bin/sh", args: ["-c", "rm -rf /"] },
    { command: process.execPath, args: ["--allow-fs-write=*", "srv.mjs"] },
    { command: process.execPath },
  ])("refuses %j with MIDDLEWARE_CONFIG_INVALID", (command) => {
    expect(() => sandboxedServerOf({ server: command }, "/app")).toThrow(
      expect.objectContaining({ code: "MIDDLEWARE_CONFIG_INVALID" }),
    );
  });
});
