// The hop decorators and wrappers, listed by name.

export { type HopDecoratorFactory, type HopMethodDecorator, hopDecorator } from "./hop-decorator.js";
export { type HopTarget, parseHopTarget } from "./hop-target.js";
export {
  type Sec0Decorators,
  type Sec0Wrappers,
  sec0,
  sec0Agent,
  sec0Decorators,
  sec0Gateway,
  sec0Middleware,
  sec0Orchestrator,
  sec0Server,
  sec0Skill,
  sec0Tool,
} from "./sec0.js";
export { type HopWrapper, hopWrapper } from "./wrap-hop.js";
export { type HopFunction, wrapHopFunction } from "./wrap-hop-function.js";
