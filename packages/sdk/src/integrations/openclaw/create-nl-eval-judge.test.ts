// `compliance.nlEval`: the judge of the policy's natural-language rules, through the hooks, with
// judge stand-ins on 127.0.0.1 (an http judge and an OpenAI-compatible endpoint). No real API.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { isSec0Error } from "@sec0/core";
import { replyJson, startTestServer, type TestServer } from "@sec0/testkit";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createWorkspace } from "./__fixtures__/openclaw-fixtures.js";
import { createMoltbotHooks } from "./create-moltbot-hooks.js";
import { createNlEvalJudge } from "./create-nl-eval-judge.js";
import type { MoltbotNlEvalConfig, Sec0MoltbotConfig } from "./moltbot-config.js";

const TOKEN = "judge-token-s3cr3t";
const API_KEY = "sk-test-0penai-k3y";
const NL_POLICY = {
  compliance: {
    packs: [
      {
        id: "topics",
        name: "Topics",
        rules: [
          {
            id: "no-advice",
            type: "nl",
            location: "both",
            severity: "critical",
            threshold: 50,
            instruction: "No investment advice or secret plans.",
          },
        ],
      },
    ],
    policies: [{ id: "on", name: "Topics on", enabled: true, pack_ids: ["topics"] }],
  },
};

let judgeServer: TestServer;
beforeAll(async () => {
  judgeServer = await startTestServer();
  judgeServer.handle((request, response) => {
    const body = JSON.parse(request.body || "{}") as Record<string, unknown>;
    if (request.url === "/down") return replyJson(response, 500, { error: "down" });
    if (request.url === "/v1/chat/completions") {
      // Judge only the delimited text, as the real judge is told to (the rule names "secret plans" too).
      const prompt = JSON.stringify(body.messages);
      const text = prompt.slice(prompt.lastIndexOf("<<<TEXT"), prompt.lastIndexOf("TEXT>>>"));
      const score = text.includes("secret plan") ? 97 : 3;
      return replyJson(response, 200, {
        choices: [{ message: { content: JSON.stringify({ score, evidence: "judged" }) } }],
      });
    }
    if (request.url === "/v1/messages") {
      const prompt = JSON.stringify(body.messages);
      const text = prompt.slice(prompt.lastIndexOf("<<<TEXT"), prompt.lastIndexOf("TEXT>>>"));
      const score = text.includes("secret plan") ? 96 : 4;
      return replyJson(response, 200, { content: [{ type: "text", text: JSON.stringify({ score }) }] });
    }
    replyJson(response, 200, {
      score: String(body.text).includes("secret plan") ? 95 : 5,
      evidence: "stand-in",
    });
  });
});
afterAll(() => judgeServer.close());

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function setup(nlEval: MoltbotNlEvalConfig, overrides: Partial<Sec0MoltbotConfig> = {}) {
  const workspace = createWorkspace("nleval");
  cleanups.push(workspace.cleanup);
  const logs: string[] = [];
  const log = (level: string) => (obj: object, msg: string) =>
    logs.push(`${level} ${msg} ${JSON.stringify(obj)}`);
  const hooks = createMoltbotHooks(
    workspace.config({
      allowlist: ["*"],
      policyOverrides: NL_POLICY,
      compliance: { enabled: true, nlEval },
      logger: { debug: log("debug"), info: log("info"), warn: log("warn"), error: log("error") },
      ...overrides,
    }),
  );
  cleanups.push(() => hooks.close());
  const ctx = { toolName: "post_note", sessionKey: "agent:main:n", agentId: "main" };
  const call = (text: string) =>
    hooks.beforeToolCall({ toolName: "post_note", params: { text }, toolCallId: `n-${Math.random()}` }, ctx);
  const send = (content: string) =>
    hooks.messageSending?.(
      { to: "bob", content },
      { channelId: "telegram", conversationId: "1", sessionKey: "agent:main:n" },
    );
  const auditText = async () => {
    await hooks.flush();
    return readdirSync(workspace.auditDir)
      .filter((f) => f.endsWith(".ndjson"))
      .map((f) => readFileSync(join(workspace.auditDir, f), "utf8"))
      .join("");
  };
  return { hooks, call, send, logs, auditText };
}

describe("compliance.nlEval", () => {
  it("heuristic: 0.2.3's topic words violate the rule; other text passes", async () => {
    const { call, send } = setup({ provider: "heuristic" });
    expect(await call("you should buy bitcoin today")).toMatchObject({ block: true });
    expect(await call("lunch at noon")).toBeUndefined();
    expect(await send("invest in this stock")).toMatchObject({ cancel: true });
    expect(await send("see you tomorrow")).toBeUndefined();
  });

  it("http: posts {instruction, text, threshold, tenant} with the bearer token and caches answers", async () => {
    const { call } = setup({ provider: "http", url: `${judgeServer.baseUrl}/judge`, bearerToken: TOKEN });
    const before = judgeServer.requests.length;
    expect(await call("here is the secret plan")).toMatchObject({ block: true });
    expect(await call("a harmless note")).toBeUndefined();
    const judged = judgeServer.requests.slice(before).filter((r) => r.url === "/judge");
    expect(judged.length).toBeGreaterThan(0);
    expect(judged[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(JSON.parse(judged[0]?.body ?? "{}")).toMatchObject({
      instruction: "No investment advice or secret plans.",
      threshold: 50,
      tenant: "acme",
      text: expect.any(String),
    });
    const count = judgeServer.requests.length;
    expect(await call("a harmless note")).toBeUndefined();
    expect(judgeServer.requests.length).toBe(count);
  });

  it("http: a judge that fails denies (on_judge_error default), and the token appears nowhere", async () => {
    const { call, logs, auditText } = setup({
      provider: "http",
      url: `${judgeServer.baseUrl}/down`,
      bearerToken: TOKEN,
    });
    expect(await call("a harmless note")).toMatchObject({ block: true });
    const everything = `${logs.join("\n")}\n${await auditText()}`;
    expect(everything).not.toContain(TOKEN);
  });

  it("openai: asks the OpenAI-compatible endpoint at baseUrl with the key and the model", async () => {
    const { call, logs } = setup({
      provider: "openai",
      apiKey: API_KEY,
      baseUrl: `${judgeServer.baseUrl}/v1`,
      model: "local-judge",
    });
    const before = judgeServer.requests.length;
    expect(await call("the secret plan is ready")).toMatchObject({ block: true });
    expect(await call("nothing to see")).toBeUndefined();
    const asked = judgeServer.requests.slice(before).filter((r) => r.url === "/v1/chat/completions");
    expect(asked[0]?.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(JSON.parse(asked[0]?.body ?? "{}")).toMatchObject({ model: "local-judge" });
    expect(logs.join("\n")).not.toContain(API_KEY);
  });

  it("caches a judge's answer for the same rule and text for 5 minutes", async () => {
    let calls = 0;
    let clock = 0;
    const judge = createNlEvalJudge(
      { provider: "http", url: `${judgeServer.baseUrl}/judge` },
      "acme",
      () => clock,
    );
    const request = { instruction: "No secrets", text: "hello", threshold: 50, ruleId: "r" };
    const before = judgeServer.requests.length;
    await judge.evaluate(request);
    await judge.evaluate(request);
    calls = judgeServer.requests.length - before;
    expect(calls).toBe(1);
    clock = 300_001;
    await judge.evaluate(request);
    expect(judgeServer.requests.length - before).toBe(2);
  });

  it("anthropic: asks the Messages API at baseUrl with x-api-key and the model", async () => {
    const { call, logs } = setup({
      provider: "anthropic",
      apiKey: API_KEY,
      baseUrl: judgeServer.baseUrl,
      model: "local-claude",
    });
    const before = judgeServer.requests.length;
    expect(await call("the secret plan is ready")).toMatchObject({ block: true });
    expect(await call("nothing to see")).toBeUndefined();
    const asked = judgeServer.requests.slice(before).filter((r) => r.url === "/v1/messages");
    expect(asked[0]?.headers["x-api-key"]).toBe(API_KEY);
    expect(JSON.parse(asked[0]?.body ?? "{}")).toMatchObject({ model: "local-claude" });
    expect(logs.join("\n")).not.toContain(API_KEY);
  });

  it.each([
    [{ provider: "http" }, "compliance.nlEval.url"],
    [{ provider: "http", url: "ftp://x" }, "compliance.nlEval.url"],
    [{ provider: "http", url: "http://127.0.0.1:1", bearerToken: "" }, "compliance.nlEval.bearerToken"],
    [{ provider: "http", url: "http://127.0.0.1:1", timeoutMs: 0 }, "compliance.nlEval.timeoutMs"],
    [{ provider: "openai" }, "compliance.nlEval.apiKey"],
    [{ provider: "openai", apiKey: API_KEY, baseUrl: "nope" }, "compliance.nlEval.baseUrl"],
    [{ provider: "anthropic" }, "compliance.nlEval.apiKey"],
    [{ provider: "anthropic", apiKey: API_KEY, baseUrl: "nope" }, "compliance.nlEval.baseUrl"],
    [{ provider: "gemini" }, "compliance.nlEval.provider"],
  ])("refuses %j naming %s", (nlEval, field) => {
    const workspace = createWorkspace("nleval-bad");
    cleanups.push(workspace.cleanup);
    try {
      createMoltbotHooks(workspace.config({ compliance: { nlEval: nlEval as never } }));
      expect.unreachable();
    } catch (error) {
      expect(isSec0Error(error) && [error.code, error.details?.field]).toEqual([
        "SDK_OPENCLAW_CONFIG_INVALID",
        field,
      ]);
      expect((error as Error).message).not.toContain(API_KEY);
    }
  });
});
