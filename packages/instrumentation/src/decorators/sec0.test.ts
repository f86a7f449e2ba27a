import { createMemoryAuditSink } from "@sec0/testkit";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AgentManager } from "../agent-manager/index.js";
import { resetSec0AppForTests } from "../config/index.js";
import { currentHopFrame } from "../context/index.js";
import { initTestApp } from "../hop/__fixtures__/test-app.js";
import { sec0, sec0Agent, sec0Decorators, sec0Orchestrator, sec0Tool } from "./sec0.js";

const sink = createMemoryAuditSink();
const options = { auditSink: sink };

beforeEach(() => {
  initTestApp();
  sink.clear();
});
afterEach(() => resetSec0AppForTests());

const inlineAgent = { nodeId: "inline-agent", agentName: "inline", agentVersion: "0.1.0" };

class OrderAgent {
  readonly prefix = "order";

  @sec0.agent(undefined, options)
  run(_ctx: object, input: { orderId: string }, manager?: AgentManager) {
    manager?.agent.setState({ order_id: input.orderId });
    return { who: this.prefix, orderId: input.orderId, manager };
  }

  @sec0.agent(inlineAgent, options)
  async runAsync(_ctx: object, input: string) {
    await new Promise((resolve) => setTimeout(resolve, 1));
    return `${this.prefix}:${input}:${currentHopFrame()?.hop.key}`;
  }

  @sec0.agent(inlineAgent, options)
  async *stream(_ctx: object, count: number) {
    for (let index = 0; index < count; index += 1) yield `${this.prefix}-${index}`;
  }
}

class SpecialOrderAgent extends OrderAgent {}

class Workflow {
  @sec0.orchestrator(undefined, options)
  async orchestrate(_ctx: object, _input: unknown, manager?: AgentManager) {
    manager?.agent.objective("Plan and execute the workflow safely.");
    return new OrderAgent().run({}, { orderId: "nested" });
  }
}

// biome-ignore lint/complexity/noStaticOnlyClass: the test is about a decorated static method.
class Web {
  @sec0.tool(undefined, options)
  static fetch(params: { url: string }, manager?: AgentManager) {
    return { url: params.url, node: manager?.frame.hop.nodeId };
  }
}

describe("sec0 decorators (TC39 standard, as vitest's esbuild lowers them)", () => {
  it("keys the hop <Class>.<method>, keeps this, appends the manager and stays sync", () => {
    const result = new OrderAgent().run({}, { orderId: "o-1" });
    expect(result).not.toBeInstanceOf(Promise);
    expect(result.who).toBe("order");
    expect(result.manager).toBeInstanceOf(AgentManager);
    expect(sink.records).toHaveLength(1);
    expect(sink.records[0]).toMatchObject({ hop_key: "OrderAgent.run", node_type: "agent", status: "ok" });
  });

  it("keys an inherited method by the class that declared it", () => {
    new SpecialOrderAgent().run({}, { orderId: "o-2" });
    expect(sink.records[0]?.hop_key).toBe("OrderAgent.run");
  });

  it("decorates static methods (node hops get (params, manager))", () => {
    expect(Web.fetch({ url: "https://x.test" })).toEqual({ url: "https://x.test", node: "web-fetch" });
    expect(sink.records[0]).toMatchObject({ hop_key: "Web.fetch", node_type: "tool", tool: "fetch@1.0" });
  });

  it("returns a promise from an async method, inside the hop's frame", async () => {
    await expect(new OrderAgent().runAsync({}, "x")).resolves.toBe("order:x:OrderAgent.runAsync");
    expect(sink.records[0]).toMatchObject({ hop_key: "OrderAgent.runAsync", nodeId: "inline-agent" });
  });

  it("wraps async generator methods and records once at the end", async () => {
    const chunks: string[] = [];
    for await (const chunk of new OrderAgent().stream({}, 3)) chunks.push(chunk);
    expect(chunks).toEqual(["order-0", "order-1", "order-2"]);
    expect(sink.records).toHaveLength(1);
    expect(sink.records[0]).toMatchObject({ hop_key: "OrderAgent.stream", status: "ok" });
  });

  it("nests decorated hops: one trace, the child naming the parent span", async () => {
    await new Workflow().orchestrate({}, {});
    const [agent, orchestrator] = sink.records as Array<Record<string, unknown>>;
    expect(orchestrator).toMatchObject({ hop_key: "Workflow.orchestrate", node_type: "agent_orchestrator" });
    expect(agent?.trace_id).toBe(orchestrator?.trace_id);
    expect(agent?.parent_span_id).toBe(orchestrator?.span_id);
    expect(orchestrator?.agentVariables).toMatchObject({
      ORCHESTRATOR: { vars: { objective: "Plan and execute the workflow safely." } },
    });
  });

  it("reads no config when decorating: only the first call needs initializeSec0App", () => {
    resetSec0AppForTests();
    class Late {
      @sec0.agent("OrderAgent.run", options)
      run(_ctx: object) {
        return "late";
      }
    }
    expect(() => new Late().run({})).toThrow(
      expect.objectContaining({ code: "INSTRUMENTATION_NOT_INITIALIZED" }),
    );
    initTestApp();
    expect(new Late().run({})).toBe("late");
    expect(sink.records[0]?.hop_key).toBe("OrderAgent.run");
  });

  it("works when called by hand with a standard decorator context", () => {
    const initializers: Array<() => void> = [];
    const context = {
      kind: "method",
      name: "run",
      static: false,
      private: false,
      access: { has: () => true, get: () => undefined },
      metadata: {},
      addInitializer: (fn: () => void) => initializers.push(fn),
    } as unknown as ClassMethodDecoratorContext;
    const method = function (this: { tag: string }, _ctx: object) {
      return this.tag;
    };
    const decorated = sec0.agent(undefined, options)(method, context) as typeof method;
    const OrderAgentByHand = class OrderAgent {
      tag = "by-hand";
    };
    Object.defineProperty(OrderAgentByHand.prototype, "run", { value: decorated });
    expect((new OrderAgentByHand() as unknown as { run: typeof method }).run({})).toBe("by-hand");
    expect(sink.records[0]?.hop_key).toBe("OrderAgent.run");
  });

  it("refuses to decorate anything but a method", () => {
    const context = { kind: "field", name: "x", static: false, private: false } as never;
    expect(() => sec0.agent()(undefined as never, context)).toThrow(
      expect.objectContaining({ code: "INSTRUMENTATION_DECORATOR_MISUSED" }),
    );
  });
});

describe("sec0 decorators (legacy experimentalDecorators shape)", () => {
  it("wraps the descriptor's method and keys it by target.constructor.name", async () => {
    class LegacyAgent {
      tag = "legacy";
      run(_ctx: object, manager?: AgentManager) {
        return { tag: this.tag, manager };
      }
    }
    const descriptor = Object.getOwnPropertyDescriptor(LegacyAgent.prototype, "run") as PropertyDescriptor;
    const decorated = sec0.agent(inlineAgent, options)(LegacyAgent.prototype, "run", descriptor);
    Object.defineProperty(LegacyAgent.prototype, "run", decorated);
    const result = new LegacyAgent().run({});
    expect(result.tag).toBe("legacy");
    expect(result.manager).toBeInstanceOf(AgentManager);
    expect(sink.records[0]?.hop_key).toBe("LegacyAgent.run");
  });

  it("refuses an accessor", () => {
    expect(() => sec0.tool()({}, "x", { get: () => 1 })).toThrow(
      expect.objectContaining({ code: "INSTRUMENTATION_DECORATOR_MISUSED" }),
    );
  });
});

describe("sec0.wrap", () => {
  it("wraps a plain function under the given key, keeping this", () => {
    const run = sec0.wrap.agent(
      "OrderAgent.run",
      function (this: { tag: string }, _ctx: object, manager?: AgentManager) {
        return `${this.tag}:${manager instanceof AgentManager}`;
      },
      options,
    );
    expect(run.call({ tag: "plain" }, {})).toBe("plain:true");
    expect(sink.records[0]?.hop_key).toBe("OrderAgent.run");
  });

  it("exports 0.2.3's aliases", () => {
    expect(sec0Agent).toBe(sec0.agent);
    expect(sec0Orchestrator).toBe(sec0.orchestrator);
    expect(sec0Tool).toBe(sec0.tool);
    expect(sec0Decorators["sec0-skill"]).toBe(sec0.skill);
    expect(Object.keys(sec0.wrap).sort()).toEqual(
      ["agent", "gateway", "middleware", "orchestrator", "server", "skill", "tool"].sort(),
    );
  });
});
