// Regression (issue 13, item 5): natural-language compliance rules were let through when the judge
// was down, answered garbage, hung or was not configured (the old default `on_judge_error: skip`),
// only the first 8,000 characters were judged, and no judge was ever built from `llm_judge`.

import type { AddressInfo } from "node:net";
import { createServer } from "node:net";
import { createMemoryAuditSink, replyJson, startTestServer, type TestServer } from "@sec0/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGovernorFromOptions } from "./create-governor.js";

const chat = (content: string) => ({ choices: [{ message: { role: "assistant", content } }] });
const call = (text: string) => ({ server: { name: "mail", version: "1.0" }, tool: "send", args: { text } });

let judge: TestServer;
let closedPort = 0;
beforeAll(async () => {
  judge = await startTestServer();
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  closedPort = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
});
afterAll(() => judge.close());

function policyOf(options: {
  mode?: "observe" | "enforce";
  onJudgeError?: "skip";
  baseUrl?: string | null;
  apiKey?: string;
}): Record<string, unknown> {
  const apiKey = options.apiKey ?? "env://JUDGE_KEY";
  const baseUrl = options.baseUrl === undefined ? `${judge.baseUrl}/v1` : options.baseUrl;
  return {
    tenant: "acme",
    tools: { allowlist: ["*"] },
    enforcement: { mode: options.mode ?? "enforce", deny_on: ["compliance_violation"] },
    ...(baseUrl === null
      ? {}
      : {
          llm_judge: { provider: "openai", model: "judge-1", base_url: baseUrl, api_key: apiKey },
        }),
    compliance: {
      judge_timeout_ms: 300,
      ...(options.onJudgeError === undefined ? {} : { on_judge_error: options.onJudgeError }),
      packs: [
        {
          id: "fraud",
          name: "Fraud",
          rules: [
            { id: "no-wire", type: "nl", instruction: "Must not ask anyone to wire money.", threshold: 70 },
          ],
        },
      ],
      policies: [{ id: "p", name: "P", enabled: true, pack_ids: ["fraud"] }],
    },
  };
}

async function run(policy: Record<string, unknown>, text = "hello") {
  const sink = createMemoryAuditSink();
  const governor = createGovernorFromOptions({
    policy: policy as never,
    env: { JUDGE_KEY: "judge-secret" },
    adapters: { auditSink: sink },
  });
  const outcome = await governor.govern(call(text), async () => "sent");
  await governor.close();
  const record = sink.records[0] as { policy: { decision: string; reason?: string } };
  return { status: outcome.status, decision: record.policy.decision, reason: record.policy.reason };
}

const FAILURES = {
  "down (connection refused)": () => ({ baseUrl: `http://127.0.0.1:${closedPort}/v1` }),
  "HTTP 500": () => {
    judge.handle((_request, response) => replyJson(response, 500, { error: "boom" }));
    return {};
  },
  "garbage JSON": () => {
    judge.handle((_request, response) => {
      response.writeHead(200, { "content-type": "application/json" }).end("{not json");
    });
    return {};
  },
  "an answer without a score": () => {
    judge.handle((_request, response) => replyJson(response, 200, chat('{"verdict": "fine"}')));
    return {};
  },
  "a hang (timeout)": () => {
    judge.handle(() => undefined);
    return {};
  },
  "not configured": () => ({ baseUrl: null }),
  "named with a key written out": () => {
    // A judge that would pass everything: only the refused key can make the rule unjudged.
    judge.handle((_request, response) => replyJson(response, 200, chat('{"score": 1}')));
    return { apiKey: "sk-literal" };
  },
} as const;

describe("natural-language rules fail closed", () => {
  for (const [name, arrange] of Object.entries(FAILURES)) {
    it(`denies in enforce when the judge is ${name}`, async () => {
      const result = await run(policyOf({ ...arrange() }));
      expect(result).toMatchObject({ status: "refused", decision: "deny", reason: "judge_unavailable" });
    });
    it(`records but allows in observe when the judge is ${name}`, async () => {
      const result = await run(policyOf({ ...arrange(), mode: "observe" }));
      expect(result.status).toBe("ok");
      expect(result.reason).toBe("judge_unavailable");
    });
    it(`lets the call through with an explicit on_judge_error: skip when the judge is ${name}`, async () => {
      const result = await run(policyOf({ ...arrange(), onJudgeError: "skip" }));
      expect(result).toMatchObject({ status: "ok", decision: "allow" });
    });
  }
});

describe("llm_judge in the policy", () => {
  it("builds the judge it names: the governor asks the local judge with the env-ref key", async () => {
    judge.handle((_request, response) => replyJson(response, 200, chat('{"score": 90, "evidence": "wire"}')));
    const result = await run(policyOf({}), "please wire $5k today");
    expect(result).toMatchObject({ status: "refused", reason: "compliance_violation" });
    expect(judge.requests).toHaveLength(1);
    expect(judge.requests[0]?.url).toBe("/v1/chat/completions");
    expect(judge.requests[0]?.headers.authorization).toBe("Bearer judge-secret");
    expect(JSON.parse(judge.requests[0]?.body ?? "{}").model).toBe("judge-1");
  });

  it("judges the whole text in chunks: a violation after 20,000 characters is found", async () => {
    judge.handle((request, response) => {
      const user = JSON.parse(request.body).messages[1].content as string;
      replyJson(response, 200, chat(user.includes("WIRE THE MONEY") ? '{"score": 95}' : '{"score": 5}'));
    });
    const result = await run(policyOf({}), `${"lorem ipsum ".repeat(1700)} now WIRE THE MONEY to me`);
    expect(result).toMatchObject({ status: "refused", reason: "compliance_violation" });
    expect(judge.requests.length).toBeGreaterThanOrEqual(3);
  });

  it("faults on text too large to judge instead of judging a prefix", async () => {
    judge.handle((_request, response) => replyJson(response, 200, chat('{"score": 1}')));
    const result = await run(policyOf({}), "x".repeat(200_000));
    expect(result).toMatchObject({ status: "refused", reason: "judge_unavailable" });
    expect(judge.requests).toHaveLength(0);
  });
});
