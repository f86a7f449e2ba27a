// The `<!-- example: otel -->` block of packages/instrumentation/README.md runs as pasted against
// the built sec0-sdk (`sec0-sdk/otel`), with its endpoint pointed at a local OTLP/HTTP stand-in:
// a node:http server on 127.0.0.1 that accepts POST /v1/traces (OTLP JSON, as this exporter sends it).
import { readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { extractJsExample } from "./markdown-blocks.js";
import {
  createScratchDir,
  describeRun,
  killRunningChildren,
  missingBuildReason,
  REPO_DIR,
  removeScratchDir,
  runProcess,
} from "./run-process.js";

const README_ENDPOINT = "http://127.0.0.1:4318/v1/traces";

interface OtlpBody {
  readonly resourceSpans: ReadonlyArray<{
    readonly resource: {
      readonly attributes: ReadonlyArray<{ key: string; value: { stringValue?: string } }>;
    };
    readonly scopeSpans: ReadonlyArray<{
      readonly scope: { readonly name: string };
      readonly spans: ReadonlyArray<{
        readonly name: string;
        readonly kind: number;
        readonly traceId: string;
        readonly spanId: string;
        readonly parentSpanId?: string;
        readonly status: { readonly code?: number; readonly message?: string };
        readonly events: ReadonlyArray<{ readonly name: string }>;
      }>;
    }>;
  }>;
}

interface Received {
  readonly method: string | undefined;
  readonly url: string | undefined;
  readonly contentType: string | undefined;
  readonly body: Buffer;
}

const skipReason = missingBuildReason();
if (skipReason !== undefined) console.warn(`sec0-sdk/otel example test skipped: ${skipReason}`);

describe.skipIf(skipReason !== undefined)("sec0-sdk/otel README example (built sec0-sdk)", () => {
  const received: Received[] = [];
  let collector: Server;
  let endpoint = "";

  beforeAll(async () => {
    collector = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        received.push({
          method: req.method,
          url: req.url,
          contentType: req.headers["content-type"],
          body: Buffer.concat(chunks),
        });
        const ok = req.method === "POST" && req.url === "/v1/traces";
        res.writeHead(ok ? 200 : 404, { "content-type": "application/json" }).end(ok ? "{}" : "");
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, "127.0.0.1", resolve));
    endpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}/v1/traces`;
  });

  afterAll(async () => {
    killRunningChildren();
    await new Promise((resolve) => collector.close(resolve));
  });

  it("runs as pasted, prints the incoming trace id and exports both spans over OTLP/HTTP", async () => {
    const readme = readFileSync(join(REPO_DIR, "packages/instrumentation/README.md"), "utf8");
    const code = extractJsExample(readme, "otel", ["", "js", "ts", "javascript"]);
    expect(code).toContain(README_ENDPOINT);
    const dir = createScratchDir("sdk-otel");
    try {
      writeFileSync(join(dir, "example.mjs"), code.replace(README_ENDPOINT, endpoint));
      const result = await runProcess(process.execPath, ["example.mjs"], { cwd: dir, timeoutMs: 30_000 });
      expect(result.code, describeRun("example.mjs", result)).toBe(0);
      expect(result.stdout.trim()).toBe("0af7651916cd43dd8448eb211c80319c");
    } finally {
      removeScratchDir(dir);
    }
    expect(received.length).toBeGreaterThan(0);
    for (const request of received) {
      expect([request.method, request.url, request.contentType]).toEqual([
        "POST",
        "/v1/traces",
        "application/json",
      ]);
    }
    const exported = received.flatMap(
      (request) => (JSON.parse(request.body.toString("utf8")) as OtlpBody).resourceSpans,
    );
    const resource = Object.fromEntries(
      (exported[0]?.resource.attributes ?? []).map((attribute) => [
        attribute.key,
        attribute.value.stringValue,
      ]),
    );
    expect(resource).toMatchObject({ "service.name": "files", "service.version": "1.0.0", tenant: "acme" });
    const spans = exported.flatMap((entry) =>
      entry.scopeSpans.flatMap((scope) => scope.spans.map((span) => ({ scope: scope.scope.name, ...span }))),
    );
    const invoke = spans.find((span) => span.name === "sec0.invoke");
    const exec = spans.find((span) => span.name === "sec0.exec");
    // OTLP kinds: 1 INTERNAL, 2 SERVER; status codes: 1 OK, 2 ERROR.
    expect(invoke).toMatchObject({
      scope: "sec0",
      kind: 2,
      traceId: "0af7651916cd43dd8448eb211c80319c",
      parentSpanId: "b7ad6b7169203331",
      status: { code: 1 },
    });
    expect(exec).toMatchObject({
      scope: "sec0",
      kind: 1,
      parentSpanId: invoke?.spanId,
      status: { code: 2, message: "disk full" },
    });
    expect(exec?.events.map((event) => event.name)).toEqual(["exception"]);
  });
});
