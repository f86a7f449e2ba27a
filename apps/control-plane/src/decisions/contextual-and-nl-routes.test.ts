import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { EvaluatorOutputSchema, NlEvalResponseSchema } from "@sec0/core/contracts";
import type { FastifyInstance } from "fastify";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { forEachStorage, type OpenedDatabase } from "../__fixtures__/databases.js";
import { bearer, buildTestApp, keyFor } from "../__fixtures__/test-app.js";

const READ_INPUT = {
  action: { kind: "tool", summary: "Execute mcp://crm/export@1.0", operation: "read", sideEffect: false },
  actor: { id: "agent-1", type: "agent" },
  purpose: { summary: "Answer a support question" },
};
const RISKY_INPUT = {
  ...READ_INPUT,
  action: { ...READ_INPUT.action, target: { boundary: "partner" } },
  authority: { allowedBoundaries: ["tenant"] },
  runtimeContext: { unresolvedPrerequisites: ["manager approval"] },
};

/** A fake OpenAI-compatible chat-completions server answering `content` (or failing with `status`). */
interface FakeJudge {
  readonly url: string;
  readonly seen: {
    path: string;
    authorization: string | undefined;
    body: { model: string; messages: { content: string }[] };
  }[];
  answer: { status: number; content: string };
  close(): Promise<void>;
}

async function startFakeJudge(): Promise<FakeJudge> {
  const seen: FakeJudge["seen"] = [];
  const fake = { answer: { status: 200, content: '{"score": 82, "evidence": "promises a refund"}' } };
  const server: Server = createServer(async (request: IncomingMessage, response) => {
    let text = "";
    for await (const chunk of request) text += chunk;
    seen.push({
      path: request.url ?? "",
      authorization: request.headers.authorization,
      body: JSON.parse(text),
    });
    response.writeHead(fake.answer.status, { "content-type": "application/json" });
    response.end(
      JSON.stringify({ choices: [{ message: { role: "assistant", content: fake.answer.content } }] }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(fake, {
    url: `http://127.0.0.1:${port}/v1`,
    seen,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

forEachStorage("contextual evaluator and NL eval routes", (storage) => {
  let opened: OpenedDatabase;
  let app: FastifyInstance;
  let reader: string;
  beforeAll(async () => {
    opened = await storage.open();
    app = await buildTestApp(opened);
    reader = await keyFor(opened, "acme", ["policy:read"]);
  });
  afterAll(async () => {
    await app.close();
    await opened.close();
  });

  /** `key: null` sends no key at all. */
  const post = (url: string, payload: object, key: string | null = reader) =>
    app.inject({ method: "POST", url, headers: key === null ? {} : bearer(key), payload });

  describe("POST /api/evaluator/contextual", () => {
    it("answers a schema-valid allow for a plain read", async () => {
      const reply = await post("/api/evaluator/contextual", READ_INPUT);
      expect(reply.statusCode).toBe(200);
      const output = EvaluatorOutputSchema.parse(reply.json());
      expect(output).toMatchObject({ decision: "allow", principles: [] });
      expect(output.normalizedFingerprint).toMatch(/^[0-9a-f]{64}$/);
    });

    it("answers a schema-valid deny for authority mismatch with unmet preconditions", async () => {
      const output = EvaluatorOutputSchema.parse(
        (await post("/api/evaluator/contextual", RISKY_INPUT)).json(),
      );
      expect(output.decision).toBe("deny");
      expect(output.principles).toEqual(
        expect.arrayContaining(["authority_scope_mismatch", "unmet_preconditions"]),
      );
    });

    it("rejects a malformed input with 400 and a missing key with 401 (problem+json)", async () => {
      const bad = await post("/api/evaluator/contextual", { action: { kind: "tool" } });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().code).toBe("CP_REQUEST_INVALID");
      const anonymous = await post("/api/evaluator/contextual", READ_INPUT, null);
      expect(anonymous.statusCode).toBe(401);
      expect(anonymous.headers["content-type"]).toContain("application/problem+json");
    });
  });

  describe("POST /api/compliance/nl-eval", () => {
    let judge: FakeJudge;
    beforeAll(async () => {
      judge = await startFakeJudge();
    });
    afterAll(() => judge.close());
    afterEach(() => {
      vi.unstubAllEnvs();
    });
    const rule = { instruction: "Never promise refunds.", text: "We will refund you.", threshold: 70 };
    const configure = () => {
      vi.stubEnv("SEC0_NL_JUDGE_URL", judge.url);
      vi.stubEnv("SEC0_NL_JUDGE_MODEL", "judge-mini");
      vi.stubEnv("SEC0_NL_JUDGE_API_KEY", "sk-operator-secret");
    };

    it("answers 501 CP_NOT_CONFIGURED naming the variables when no judge is configured", async () => {
      vi.stubEnv("SEC0_NL_JUDGE_URL", "");
      const reply = await post("/api/compliance/nl-eval", rule);
      expect(reply.statusCode).toBe(501);
      expect(reply.json().code).toBe("CP_NOT_CONFIGURED");
      expect(reply.json().detail).toContain("SEC0_NL_JUDGE_URL");
      expect(reply.json().detail).toContain("SEC0_NL_JUDGE_MODEL");
    });

    it("scores through the configured OpenAI-compatible endpoint", async () => {
      configure();
      judge.answer = { status: 200, content: '{"score": 82, "evidence": "promises a refund"}' };
      const reply = await post("/api/compliance/nl-eval", {
        ...rule,
        provider: "openai",
        api_key: "sk-caller",
      });
      expect(reply.statusCode).toBe(200);
      expect(NlEvalResponseSchema.parse(reply.json())).toEqual({ score: 82, evidence: "promises a refund" });
      const call = judge.seen.at(-1);
      expect(call?.path).toBe("/v1/chat/completions");
      expect(call?.authorization).toBe("Bearer sk-operator-secret");
      expect(call?.body.model).toBe("judge-mini");
      expect(call?.body.messages.at(-1)?.content).toContain("We will refund you.");
      expect(JSON.stringify(call)).not.toContain("sk-caller");
      expect(reply.body).not.toContain("sk-");
    });

    it("answers 502 CP_UPSTREAM_FAILED when the judge fails or answers badly", async () => {
      configure();
      judge.answer = { status: 500, content: "" };
      const failed = await post("/api/compliance/nl-eval", rule);
      expect(failed.statusCode).toBe(502);
      expect(failed.json().code).toBe("CP_UPSTREAM_FAILED");
      expect(failed.body).not.toContain("sk-operator-secret");
      judge.answer = { status: 200, content: "I think it is fine" };
      expect((await post("/api/compliance/nl-eval", rule)).json().code).toBe("CP_UPSTREAM_FAILED");
    });

    it("rejects text over 8000 characters with 400, and needs policy:read", async () => {
      configure();
      const long = await post("/api/compliance/nl-eval", { ...rule, text: "x".repeat(8001) });
      expect(long.statusCode).toBe(400);
      expect(long.json().code).toBe("CP_REQUEST_INVALID");
      const noScope = await keyFor(opened, "acme", ["audit:ingest"]);
      const refused = await post("/api/compliance/nl-eval", rule, noScope);
      expect(refused.statusCode).toBe(403);
      expect(refused.json().code).toBe("CP_SCOPE_MISSING");
    });
  });
});
