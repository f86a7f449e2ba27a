import type { HopType } from "../hop-types.js";
import { type HopDecoratorFactory, hopDecorator } from "./hop-decorator.js";
import { type HopWrapper, hopWrapper } from "./wrap-hop.js";

/** `sec0.wrap`: one wrapper per hop type. */
export type Sec0Wrappers = Readonly<Record<HopType, HopWrapper>>;

/** The `sec0` namespace: a decorator factory per hop type, and `wrap` for plain functions. */
export interface Sec0Decorators {
  readonly agent: HopDecoratorFactory;
  readonly orchestrator: HopDecoratorFactory;
  readonly gateway: HopDecoratorFactory;
  readonly server: HopDecoratorFactory;
  readonly middleware: HopDecoratorFactory;
  readonly tool: HopDecoratorFactory;
  readonly skill: HopDecoratorFactory;
  readonly wrap: Sec0Wrappers;
}

/** `@sec0.agent()`: an agent hop (`run(ctx, input, manager)`). */
export const sec0Agent: HopDecoratorFactory = hopDecorator("agent");
/** `@sec0.orchestrator()`: an orchestrator hop (`orchestrate(ctx, input, manager)`). */
export const sec0Orchestrator: HopDecoratorFactory = hopDecorator("orchestrator");
/** `@sec0.gateway()`: a gateway hop (`(params, manager)`). */
export const sec0Gateway: HopDecoratorFactory = hopDecorator("gateway");
/** `@sec0.server()`: a server hop (`(params, manager)`). */
export const sec0Server: HopDecoratorFactory = hopDecorator("server");
/** `@sec0.middleware()`: a middleware hop (`(params, manager)`). */
export const sec0Middleware: HopDecoratorFactory = hopDecorator("middleware");
/** `@sec0.tool()`: a tool hop (`(params, manager)`). */
export const sec0Tool: HopDecoratorFactory = hopDecorator("tool");
/** `@sec0.skill()`: a skill hop (`(params, manager)`). */
export const sec0Skill: HopDecoratorFactory = hopDecorator("skill");

/**
 * Hop decorators (TC39 standard and legacy) and wrappers, as 0.2.3's `sec0` export.
 *
 * @example
 * class OrderAgent {
 *   @sec0.agent()
 *   async run(ctx: HopCallContext, input: { orderId: string }, manager?: AgentManager) { … }
 * }
 * const fetchPage = sec0.wrap.tool("Web.fetch", async (params, manager) => …);
 */
export const sec0: Sec0Decorators = Object.freeze({
  agent: sec0Agent,
  orchestrator: sec0Orchestrator,
  gateway: sec0Gateway,
  server: sec0Server,
  middleware: sec0Middleware,
  tool: sec0Tool,
  skill: sec0Skill,
  wrap: Object.freeze({
    agent: hopWrapper("agent"),
    orchestrator: hopWrapper("orchestrator"),
    gateway: hopWrapper("gateway"),
    server: hopWrapper("server"),
    middleware: hopWrapper("middleware"),
    tool: hopWrapper("tool"),
    skill: hopWrapper("skill"),
  }),
});

/** 0.2.3's `sec0Decorators` map: `sec0Decorators["sec0-agent"]` is `sec0.agent`. */
export const sec0Decorators: Readonly<Record<`sec0-${HopType}`, HopDecoratorFactory>> = Object.freeze({
  "sec0-agent": sec0Agent,
  "sec0-orchestrator": sec0Orchestrator,
  "sec0-gateway": sec0Gateway,
  "sec0-server": sec0Server,
  "sec0-middleware": sec0Middleware,
  "sec0-tool": sec0Tool,
  "sec0-skill": sec0Skill,
});
