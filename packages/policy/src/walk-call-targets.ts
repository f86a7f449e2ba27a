import type { ArgumentPath } from "./compile-target-arguments.js";
import { itemPlace, propertyPlace, rootPlace, type SchemaPlace, uriFormatOf } from "./schema-hints.js";
import { looksLikePath, MAX_TARGET_CHARS, sniffTarget } from "./sniff-target.js";
import { type NameRole, roleOfName } from "./target-names.js";

/** How far the argument walk looks: beyond these the targets are unchecked (and refused). */
export const TARGET_WALK_LIMITS = Object.freeze({
  /** Objects and arrays nested at most this deep below the arguments. */
  maxDepth: 8,
  /** Strings looked at per call. */
  maxStrings: 1000,
  /** Characters of one target; a longer URL or path is not checked but refused. */
  maxChars: MAX_TARGET_CHARS,
});

/** What a walk collects; owned by one walk, never shared. */
export interface TargetSink {
  readonly wantFs: boolean;
  readonly wantEgress: boolean;
  readonly urls: string[];
  readonly paths: string[];
  uncheckedFs: boolean;
  uncheckedEgress: boolean;
  strings: number;
}

/**
 * Walks every argument (bounded by {@link TARGET_WALK_LIMITS}) and collects the strings that are
 * paths or URLs: by the argument's name, by the schema's `format`, and — where the input schema
 * does not declare the argument, or there is none — by the string's own shape.
 */
export function walkArguments(args: unknown, inputSchema: unknown, sink: TargetSink): void {
  visit(args, "none", rootPlace(inputSchema), 0, sink);
}

function visit(value: unknown, role: NameRole, place: SchemaPlace, depth: number, sink: TargetSink): boolean {
  if (typeof value === "string") return visitString(value, role, place, sink);
  if (value === null || typeof value !== "object") return true;
  if (depth >= TARGET_WALK_LIMITS.maxDepth) return giveUp(sink);
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      if (!visit(value[index], role, itemPlace(place, index), depth + 1, sink)) return false;
    }
    return true;
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!visit(record[key], roleOfName(key), propertyPlace(place, key), depth + 1, sink)) return false;
  }
  return true;
}

function visitString(value: string, role: NameRole, place: SchemaPlace, sink: TargetSink): boolean {
  sink.strings += 1;
  if (sink.strings > TARGET_WALK_LIMITS.maxStrings) return giveUp(sink);
  if (value.length === 0) return true;
  const format = uriFormatOf(place);
  // A string the schema declares is a target only by its name or format, not by its shape.
  if (place.declared && role === "none" && format === undefined) return true;
  const sniffed = sniffTarget(value);
  let url: string | undefined;
  let isPath = false;
  if (role === "url" || format === "uri" || sniffed === "url") url = value;
  else if (format === "uri-reference" && value.startsWith("//")) url = `https:${value}`;
  // A schema URI format says what the string is: `//host/x` is then a URL, not a path.
  const shapeIsPath = sniffed === "file-url" || (sniffed === "path" && format === undefined);
  if (role === "path" || shapeIsPath) isPath = true;
  else if (role === "maybe-path") isPath = looksLikePath(value.slice(0, TARGET_WALK_LIMITS.maxChars));
  if (url !== undefined && sink.wantEgress) {
    if (value.length > TARGET_WALK_LIMITS.maxChars) sink.uncheckedEgress = true;
    else sink.urls.push(url);
  }
  if (isPath && sink.wantFs) {
    if (value.length > TARGET_WALK_LIMITS.maxChars) sink.uncheckedFs = true;
    else sink.paths.push(value);
  }
  return true;
}

function giveUp(sink: TargetSink): false {
  sink.uncheckedFs = sink.wantFs;
  sink.uncheckedEgress = sink.wantEgress;
  return false;
}

/**
 * Collects the strings at the argument paths a policy maps for one kind, within the same limits;
 * returns `false` when they were exceeded. Arrays on the way are looked through (`files.path`
 * covers `{ files: [{ path }] }`), and `*` stands for any name or any element.
 */
export function collectMapped(args: unknown, paths: readonly ArgumentPath[], out: string[]): boolean {
  const budget = { strings: 0 };
  return paths.every((path) => collectAt(args, path, 0, 0, out, budget));
}

function collectAt(
  value: unknown,
  path: ArgumentPath,
  index: number,
  depth: number,
  out: string[],
  budget: { strings: number },
): boolean {
  if (value === null || typeof value !== "object") {
    if (typeof value !== "string" || index < path.length) return true;
    budget.strings += 1;
    if (budget.strings > TARGET_WALK_LIMITS.maxStrings || value.length > TARGET_WALK_LIMITS.maxChars)
      return false;
    if (value.length > 0) out.push(value);
    return true;
  }
  if (depth >= TARGET_WALK_LIMITS.maxDepth + path.length) return false;
  const name = path[index];
  if (Array.isArray(value)) {
    // `*` at an array stands for its elements; any other name looks through the array.
    const next = name === "*" ? index + 1 : index;
    return value.every((item) => collectAt(item, path, next, depth + 1, out, budget));
  }
  if (name === undefined) return true;
  const record = value as Record<string, unknown>;
  if (name !== "*") {
    return !Object.hasOwn(record, name) || collectAt(record[name], path, index + 1, depth + 1, out, budget);
  }
  return Object.keys(record).every((key) => collectAt(record[key], path, index + 1, depth + 1, out, budget));
}
