import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { canonicalize, type ScanFinding, type ScanReport, Sec0Error, sha256Hex } from "@sec0/core";
import { probeTool, runInSandbox } from "@sec0/scanners";
import { ChildStdioTransport } from "./child-stdio-transport.js";
import type { DastScanSettings, SandboxedServer } from "./dast-options.js";
import { outputDetectorFindings } from "./output-detectors.js";
import { denialFindings, denialsInStderr, denialsInText } from "./sandbox-denials.js";

/**
 * The script the sandbox starts (reports permission denials, then imports the server script):
 * beside this module in src/, and from dist/ the published src/ copy (tsc does not emit .mjs).
 */
const ENTRY = ["./dast-sandbox-entry.mjs", "../../src/dast/dast-sandbox-entry.mjs"]
  .map((relative) => fileURLToPath(new URL(relative, import.meta.url)))
  .find((path) => existsSync(path)) as string;
/** Start-up and listing on top of the probes' own budget. */
const SETUP_MS = 10_000;

/** The whole budget of one DAST run of a tool: every probe at its timeout, plus start-up. */
export function dastBudgetMs(settings: Pick<DastScanSettings, "maxProbes" | "timeoutMs">): number {
  return settings.maxProbes * settings.timeoutMs + SETUP_MS;
}

/**
 * DAST of one tool on a sandboxed copy of its server: starts `server` with `runInSandbox` (own
 * temp dir, loopback-only network, writes outside the dir denied), speaks MCP over its stdio,
 * finds the tool, probes its string arguments with `probeTool`, checks each answer with the output
 * detectors (`dast/output-<detector>`), and adds the sandbox's denials (`dast/fs-write-outside`). The live in-process handler is never called. The sandbox is killed
 * and removed whatever happens.
 * @throws {Sec0Error} `MIDDLEWARE_CONFIG_INVALID` when the server does not serve the tool.
 */
export async function probeInSandbox(
  server: SandboxedServer,
  settings: DastScanSettings,
): Promise<ScanReport> {
  const sandbox = runInSandbox({
    script: ENTRY,
    args: [server.script, ...server.args],
    timeoutMs: dastBudgetMs(settings),
    ...(server.env === undefined ? {} : { env: server.env }),
  });
  const client = new Client({ name: "sec0-dast", version: "1.0.0" });
  const textDenials: ScanFinding[] = [];
  let report: ScanReport;
  try {
    await client.connect(new ChildStdioTransport(sandbox.child), { timeout: SETUP_MS });
    const tool = await listedTool(client, settings.tool);
    report = await probeTool({
      invoke: (args) =>
        client.callTool({ name: tool.name, arguments: args }, undefined, { timeout: settings.timeoutMs }),
      argNames: stringArgs(tool.inputSchema),
      maxProbes: settings.maxProbes,
      timeoutMs: settings.timeoutMs,
      checkOutput: (output) => {
        textDenials.push(
          ...denialFindings(
            denialsInText(JSON.stringify(output) ?? "", sandbox.dir),
            sandbox.dir,
            settings.fs,
          ),
        );
        return outputDetectorFindings(output);
      },
    });
  } finally {
    await client.close().catch(() => {});
    await sandbox.dispose();
  }
  const { stderr } = await sandbox.result;
  const denied = denialFindings(denialsInStderr(stderr), sandbox.dir, settings.fs);
  return withFindings(report, dedupe([...denied, ...textDenials]));
}

interface ListedTool {
  readonly name: string;
  readonly inputSchema?: { readonly properties?: Record<string, unknown> };
}

async function listedTool(client: Client, tool: string): Promise<ListedTool> {
  const { tools } = await client.listTools(undefined, { timeout: SETUP_MS });
  const bare = tool.split("@")[0];
  const found = tools.find((t) => t.name === tool) ?? tools.find((t) => t.name === bare);
  if (found === undefined) {
    throw new Sec0Error(
      "MIDDLEWARE_CONFIG_INVALID",
      `The dast.server does not serve the tool ${JSON.stringify(tool)}: it cannot be probed.`,
    );
  }
  return found as ListedTool;
}

/** The string properties of an input schema: the arguments the probes fill. */
export function stringArgs(schema: ListedTool["inputSchema"]): string[] {
  return Object.entries(schema?.properties ?? {})
    .filter(([, property]) => (property as { type?: unknown } | null)?.type === "string")
    .map(([name]) => name);
}

/** `report` with `extra` findings added: `fail` when there is any. */
export function withFindings(report: ScanReport, extra: readonly ScanFinding[]): ScanReport {
  if (extra.length === 0) return report;
  const findings = [...extra, ...report.findings];
  return { ...report, status: "fail", findings, evidenceSha256: sha256Hex(canonicalize(findings)) };
}

function dedupe(findings: readonly ScanFinding[]): ScanFinding[] {
  const seen = new Set<string>();
  return findings.filter(
    (f) => !seen.has(`${f.ruleId}\u0000${f.file}`) && seen.add(`${f.ruleId}\u0000${f.file}`),
  );
}
