import { Sec0Error } from "@sec0/core";
import type { RunHopOptions } from "../hop/run-hop-options.js";
import type { HopType } from "../hop-types.js";
import { type HopTarget, parseHopTarget } from "./hop-target.js";
import { type HopFunction, wrapHopFunction } from "./wrap-hop-function.js";

/**
 * A method decorator that works both as a TC39 standard decorator `(method, context)` and as a
 * legacy (`experimentalDecorators`) one `(target, propertyKey, descriptor)`; `this` and the
 * argument types are kept.
 */
export interface HopMethodDecorator {
  <This, Args extends unknown[], Return>(
    method: HopFunction<This, Args, Return>,
    context: ClassMethodDecoratorContext<This, HopFunction<This, Args, Return>>,
  ): HopFunction<This, Args, Return>;
  (target: object, propertyKey: string | symbol, descriptor: PropertyDescriptor): PropertyDescriptor;
}

/** `sec0.agent(target?, options?)` and its six siblings. */
export type HopDecoratorFactory = (target?: HopTarget, options?: RunHopOptions) => HopMethodDecorator;

/**
 * The decorator factory of hop type `type`. Decorating reads nothing: the hop key
 * (`<ClassName>.<method>` unless given) and its config are resolved at the first call.
 *
 * @throws {Sec0Error} `INSTRUMENTATION_DECORATOR_MISUSED` when put on anything but a method.
 * @example
 * class OrderAgent { @sec0.agent() async run(ctx, input, manager) { … } }
 */
export function hopDecorator(type: HopType): HopDecoratorFactory {
  return (target, options) => {
    const parsed = parseHopTarget(target);
    const decorate = (...params: unknown[]): unknown => {
      const [first, second, third] = params;
      if (params.length === 2 && isMethodContext(second)) {
        return decorateStandard(type, first, second, parsed, options);
      }
      if (params.length === 3 && typeof first === "object" && first !== null && isKey(second)) {
        return decorateLegacy(type, first, second, third, parsed, options);
      }
      if (params.length === 3 && typeof first === "function" && isKey(second)) {
        return decorateLegacy(type, first, second, third, parsed, options); // a static method
      }
      throw misused(type, "something that is not a class method");
    };
    return decorate as HopMethodDecorator;
  };
}

function decorateStandard(
  type: HopType,
  method: unknown,
  context: ClassMethodDecoratorContext,
  parsed: ReturnType<typeof parseHopTarget>,
  options: RunHopOptions | undefined,
): unknown {
  if (context.kind !== "method" || typeof method !== "function") throw misused(type, `a ${context.kind}`);
  const methodName = nameOf(context.name);
  let wrapped: unknown;
  const keyOf = (self: unknown): string => `${declaringClassName(self, context, wrapped)}.${methodName}`;
  wrapped = wrapHopFunction(type, method as HopFunction<unknown, unknown[], unknown>, parsed, keyOf, options);
  return wrapped;
}

function decorateLegacy(
  type: HopType,
  target: object,
  propertyKey: string | symbol,
  descriptor: unknown,
  parsed: ReturnType<typeof parseHopTarget>,
  options: RunHopOptions | undefined,
): PropertyDescriptor {
  const method = (descriptor as PropertyDescriptor | undefined)?.value;
  if (typeof method !== "function") throw misused(type, "an accessor or field");
  const className =
    typeof target === "function"
      ? target.name
      : (target as { constructor?: { name?: string } }).constructor?.name;
  const key = `${className ?? "anonymous"}.${nameOf(propertyKey)}`;
  return {
    ...(descriptor as PropertyDescriptor),
    value: wrapHopFunction(
      type,
      method as HopFunction<unknown, unknown[], unknown>,
      parsed,
      () => key,
      options,
    ),
  };
}

/**
 * The name of the class that declared the decorated method: the owner (found up the prototype
 * chain from `self`) whose own property is the wrapped method, so a subclass calling an inherited
 * hop still gets the declaring class's key. Falls back to `self`'s class.
 */
function declaringClassName(self: unknown, context: ClassMethodDecoratorContext, wrapped: unknown): string {
  if (!context.private && (typeof self === "object" || typeof self === "function") && self !== null) {
    for (let owner: object | null = self; owner !== null; owner = Object.getPrototypeOf(owner)) {
      const own = Object.getOwnPropertyDescriptor(owner, context.name);
      if (own?.value === wrapped) {
        return context.static ? (owner as { name: string }).name : (owner.constructor?.name ?? "anonymous");
      }
    }
  }
  if (typeof self === "function") return self.name || "anonymous";
  return (self as { constructor?: { name?: string } } | undefined)?.constructor?.name || "anonymous";
}

function isMethodContext(value: unknown): value is ClassMethodDecoratorContext {
  return (
    typeof value === "object" && value !== null && typeof (value as { kind?: unknown }).kind === "string"
  );
}

function isKey(value: unknown): value is string | symbol {
  return typeof value === "string" || typeof value === "symbol";
}

function nameOf(name: string | symbol): string {
  return typeof name === "symbol" ? (name.description ?? "symbol") : name;
}

function misused(type: HopType, what: string): Sec0Error {
  return new Sec0Error(
    "INSTRUMENTATION_DECORATOR_MISUSED",
    `sec0.${type}() decorates class methods only, but was put on ${what}; decorate the method, ` +
      `or wrap a plain function with sec0.wrap.${type}("Key.name", fn).`,
    { details: { type } },
  );
}
