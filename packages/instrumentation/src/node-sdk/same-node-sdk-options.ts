// Whether a second startSec0NodeSdk call asks for the SDK that is already running.
import type { Sec0NodeSdkOptions } from "./sec0-node-sdk-options.js";

const SCALARS = ["serviceName", "serviceVersion", "endpoint", "traceExporter"] as const;
const LISTS = ["spanProcessors", "instrumentations"] as const;

/** True when `options` sets nothing (`undefined` or `{}` with only undefined values). */
export function isEmptyNodeSdkOptions(options: Sec0NodeSdkOptions | undefined): boolean {
  return options === undefined || Object.values(options).every((value) => value === undefined);
}

function sameList(left: readonly unknown[] | undefined, right: readonly unknown[] | undefined): boolean {
  if (left === undefined || right === undefined) return left === right;
  return left.length === right.length && left.every((item, index) => item === right[index]);
}

/**
 * The option names whose values differ between the first call and `next` (empty: `next` asks for
 * what runs). Names, endpoint and exit hooks compare by value; the exporter, the processors and
 * the instrumentations by identity, in order.
 *
 * @example
 * differingNodeSdkOptions({ serviceName: "a" }, { serviceName: "b" }); // ["serviceName"]
 */
export function differingNodeSdkOptions(first: Sec0NodeSdkOptions, next: Sec0NodeSdkOptions): string[] {
  const scalars = SCALARS.filter((field) => first[field] !== next[field]);
  const lists = LISTS.filter((field) => !sameList(first[field], next[field]));
  const exit = (first.shutdownOnExit ?? false) === (next.shutdownOnExit ?? false) ? [] : ["shutdownOnExit"];
  return [...scalars, ...lists, ...exit];
}
