// Hostile inputs never throw out of a hook and never allow in enforce mode (fail closed); bad
// configs fail at creation with a code naming the key.
import { isSec0Error } from "@sec0/core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createWorkspace, INJECTION } from "./__fixtures__/openclaw-fixtures.js";
import { createMoltbotHooks, type MoltbotHooks } from "./create-moltbot-hooks.js";
import type { Sec0MoltbotConfig } from "./moltbot-config.js";

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function hooksFor(overrides: Partial<Sec0MoltbotConfig> = {}): MoltbotHooks {
  const workspace = createWorkspace("hooks");
  cleanups.push(workspace.cleanup);
  const hooks = createMoltbotHooks(workspace.config(overrides));
  cleanups.push(() => hooks.close());
  return hooks;
}

function codeOf(run: () => unknown): { code?: string; field?: unknown; message?: string } {
  try {
    run();
  } catch (error) {
    if (isSec0Error(error)) return { code: error.code, field: error.details?.field, message: error.message };
    return { message: String(error) };
  }
  return {};
}

const ctx = { toolName: "read_file", sessionKey: "agent:main:h", agentId: "main" };

describe("createMoltbotHooks with hostile input (enforce mode)", () => {
  it("blocks huge, cyclic, BigInt and non-object params without throwing", async () => {
    const hooks = hooksFor();
    const cyclic: Record<string, unknown> = { path: "notes.md" };
    cyclic.self = cyclic;
    const hostile: unknown[] = [
      { path: "x".repeat(2_000_000) },
      cyclic,
      { n: 10n },
      "not-an-object",
      null,
      [1, 2],
    ];
    for (const params of hostile) {
      const verdict = await hooks.beforeToolCall(
        { toolName: "read_file", params: params as Record<string, unknown> },
        ctx,
      );
      expect(verdict).toMatchObject({ block: true });
    }
  });

  it("blocks a getter that throws, a nameless call and a missing event", async () => {
    const hooks = hooksFor();
    const trap = Object.defineProperty({}, "path", {
      enumerable: true,
      get() {
        throw new Error("boom");
      },
    });
    expect(await hooks.beforeToolCall({ toolName: "read_file", params: trap }, ctx)).toMatchObject({
      block: true,
    });
    expect(await hooks.beforeToolCall({ toolName: "", params: {} }, ctx)).toMatchObject({ block: true });
    const missing = undefined as unknown as Parameters<MoltbotHooks["beforeToolCall"]>[0];
    expect(await hooks.beforeToolCall(missing, ctx)).toMatchObject({ block: true });
    // A context that throws while sec0 reads it is an internal failure: blocked, not allowed.
    const hostileCtx = Object.defineProperty({ toolName: "read_file" }, "sessionKey", {
      get() {
        throw new Error("boom");
      },
    });
    const verdict = await hooks.beforeToolCall(
      { toolName: "read_file", params: { path: "a.md" } },
      hostileCtx,
    );
    expect(verdict).toMatchObject({ block: true });
    expect(verdict?.blockReason).toContain("fail closed");
  });

  it("cancels a message whose content is not text, and never throws from the message hooks", async () => {
    const hooks = hooksFor();
    const mctx = { channelId: "telegram", conversationId: "1" };
    const odd: unknown[] = [{ text: INJECTION }, 42, undefined, null];
    for (const content of odd) {
      const answer = await hooks.messageSending?.({ to: "bob", content: content as string }, mctx);
      expect(answer).toMatchObject({ cancel: true });
      await expect(
        hooks.messageReceived?.({ from: "x", content: content as string }, mctx),
      ).resolves.toBeUndefined();
    }
  });

  it("cancels a message whose recipient or context throws when read", async () => {
    const hooks = hooksFor();
    const to = {
      toString: () => {
        throw new Error("boom");
      },
    } as unknown as string;
    expect(await hooks.messageSending?.({ to, content: INJECTION }, { channelId: "telegram" })).toMatchObject(
      { cancel: true },
    );
    const ctx = Object.defineProperty({ channelId: "telegram" }, "sessionKey", {
      get() {
        throw new Error("boom");
      },
    });
    expect(await hooks.messageSending?.({ to: "bob", content: "hi" }, ctx)).toMatchObject({ cancel: true });
  });

  it("blocks instead of allowing once the hooks are closed (an internal failure fails closed)", async () => {
    const hooks = hooksFor();
    await hooks.close();
    expect(
      await hooks.beforeToolCall({ toolName: "read_file", params: { path: "a.md" } }, ctx),
    ).toMatchObject({
      block: true,
    });
    expect(
      await hooks.messageSending?.({ to: "bob", content: "hi" }, { channelId: "telegram" }),
    ).toMatchObject({
      cancel: true,
    });
  });

  it("records a call whose after_tool_call never comes once pendingTimeoutMs passes", async () => {
    const hooks = hooksFor({ pendingTimeoutMs: 20 });
    expect(
      await hooks.beforeToolCall({ toolName: "read_file", params: { path: "a.md" }, toolCallId: "t1" }, ctx),
    ).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 60));
    await hooks.flush();
    // A late after_tool_call finds nothing pending and is ignored, without throwing.
    await expect(
      hooks.afterToolCall({ toolName: "read_file", params: {}, toolCallId: "t1", result: 1 }, ctx),
    ).resolves.toBeUndefined();
  });
});

describe("createMoltbotHooks config checks", () => {
  let workspace: ReturnType<typeof createWorkspace>;
  beforeAll(() => {
    workspace = createWorkspace("config");
  });
  afterAll(() => workspace.cleanup());
  const create = (overrides: Partial<Sec0MoltbotConfig> | Record<string, unknown>) => () =>
    createMoltbotHooks({ ...workspace.config(), ...overrides } as Sec0MoltbotConfig);

  it.each([
    [{ auditDir: "" }, "auditDir"],
    [{ mode: "block" }, "mode"],
    [{ serverName: "open claw" }, "serverName"],
    [{ tenant: "other" }, "tenant"],
    [{ allowlist: [] }, "allowlist"],
    [
      { policyPath: undefined, policyYaml: "tenant: acme\nenforcement:\n  deny_on: [agent_guard_failed]\n" },
      "allowlist",
    ],
    [{ policyPath: "missing.yaml" }, "policyPath"],
    [{ policyYaml: "tenant: acme\n" }, "policySourceConfig"],
    [{ policyPath: undefined, policyYaml: "tenant: [" }, "policyYaml"],
    [{ policySourceConfig: { source: "local", yaml: "tenant: acme\n" } }, "policyPath"],
    [
      {
        policyPath: undefined,
        policyYaml: 'tenant: acme\ntools:\n  allowlist: ["*"]\nenforcement:\n  deny_on: []\n',
      },
      "policy.enforcement.deny_on",
    ],
    [{ signingKeyPath: "/etc/hostname" }, "signingKeyPath"],
    [{ messages: { enabled: true, audit: true } }, "messages.direction"],
    [{ gatewayTool: { enabled: true } }, "gatewayTool.defaults"],
    [{ skills: { enabled: true } }, "skills.resolve"],
    [{ compliance: { enabled: true, nlEval: { provider: "openai" } } }, "compliance.nlEval.apiKey"],
  ])("refuses %j with SDK_OPENCLAW_CONFIG_INVALID naming %s", (overrides, field) => {
    expect(codeOf(create(overrides))).toMatchObject({ code: "SDK_OPENCLAW_CONFIG_INVALID", field });
  });

  it("accepts the deprecated policyYaml and policySourceConfig forms", async () => {
    const yaml = 'tenant: acme\ntools:\n  allowlist: ["*"]\nenforcement:\n  deny_on: [agent_guard_failed]\n';
    for (const overrides of [
      { policyPath: undefined, policyYaml: yaml },
      { policyPath: undefined, policySourceConfig: { source: "local" as const, yaml } },
    ]) {
      const hooks = createMoltbotHooks({ ...workspace.config(), ...overrides });
      expect(hooks.meta).toMatchObject({ tenant: "acme", serverName: "openclaw", mode: "enforce" });
      expect(await hooks.beforeToolCall({ toolName: "anything", params: {} }, ctx)).toBeUndefined();
      await hooks.close();
    }
  });
});
