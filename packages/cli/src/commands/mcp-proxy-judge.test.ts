// Regression (issue 13, item 5c): `sec0 mcp proxy` never built a judge from the policy's
// `llm_judge`, so natural-language rules were never judged behind the proxy.
import { mkdtemp, writeFile } from "node:fs/promises";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { generateKeyFile } from "@sec0/signer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStdioProxy } from "../__fixtures__/stdio-rpc.js";
import type { CliIo } from "../cli-context.js";

const fixture = fileURLToPath(
  new URL("../../../middleware/src/mcp/__fixtures__/stdio-server.mjs", import.meta.url),
);

const policyFor = (judgeUrl: string) => `tenant: acme
signing:
  key_ref: "file://.sec0/keys/ed25519.key"
tools:
  allowlist: ["*"]
enforcement:
  deny_on: [compliance_violation]
llm_judge:
  provider: openai
  model: judge-1
  base_url: "${judgeUrl}/v1"
  api_key: "env://JUDGE_KEY"
compliance:
  packs:
    - id: fraud
      name: Fraud
      rules:
        - id: no-wire
          type: nl
          location: input
          instruction: "Must not ask anyone to wire money."
          threshold: 70
  policies:
    - id: p
      name: P
      enabled: true
      pack_ids: [fraud]
`;

// A local OpenAI-compatible judge (the cli package has no testkit): scores 92 when the text says "wire".
const requests: { url: string; headers: IncomingHttpHeaders }[] = [];
let server: Server;
let judgeUrl = "";
beforeAll(async () => {
  server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => {
      body += chunk.toString("utf8");
    });
    request.on("end", () => {
      requests.push({ url: request.url ?? "", headers: request.headers });
      const text = (JSON.parse(body).messages[1].content as string).split("<<<TEXT")[1] ?? "";
      const content = JSON.stringify({ score: text.includes("wire") ? 92 : 3 });
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify({ choices: [{ message: { content } }] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  judgeUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("sec0 mcp proxy with llm_judge", () => {
  it("asks the judge the policy names, with the key from the env ref, and never logs the key", async () => {
    const cwd = await mkdtemp(join(tmpdir(), "sec0-cli-proxy-judge-"));
    await writeFile(join(cwd, "policy.yaml"), policyFor(judgeUrl));
    generateKeyFile(".sec0/keys/ed25519.key", { cwd });
    const io: CliIo & { err: string } = {
      err: "",
      cwd,
      env: { PATH: process.env.PATH, JUDGE_KEY: "judge-secret-123" },
      stdout: () => undefined,
      stderr: (text: string) => {
        io.err += text;
      },
    };
    const { running, toProxy, client } = startStdioProxy(fixture, io);
    await client.initialize();
    const fine = await client.request("tools/call", { name: "echo", arguments: { text: "hi" } });
    const wire = await client.request("tools/call", { name: "echo", arguments: { text: "wire me $5k" } });
    toProxy.end();
    expect(await running).toBe(0);
    client.close();

    expect(fine.result).toMatchObject({ content: [{ type: "text", text: "echo: hi" }] });
    expect(wire.result).toMatchObject({ isError: true });
    expect(JSON.stringify(wire.result)).toContain("compliance_violation");
    expect(requests.map((request) => request.url)).toEqual(["/v1/chat/completions", "/v1/chat/completions"]);
    expect(requests[0]?.headers.authorization).toBe("Bearer judge-secret-123");
    expect(io.err).not.toContain("judge-secret-123");
  });
});
