import { canonicalize, sha256Hex } from "@sec0/core";

/** The parts of an MCP tool definition that pinning covers. */
export interface ToolDefinition {
  readonly name: string;
  readonly description?: string | undefined;
  readonly inputSchema?: unknown;
}

/** What {@link ToolDefinitionTracker.observe} found. */
export type ToolDefinitionObservation =
  | { readonly status: "first_seen"; readonly hash: string }
  | { readonly status: "unchanged"; readonly hash: string }
  | {
      readonly status: "changed";
      readonly reason: "tool_definition_changed";
      readonly previousHash: string;
      readonly hash: string;
    };

/** Remembers the first definition hash of each tool and reports later drift. */
export interface ToolDefinitionTracker {
  /** Compares `definition` with the hash first seen for `toolRef` (recording it the first time). */
  observe(toolRef: string, definition: ToolDefinition): ToolDefinitionObservation;
  /** The pinned (first-seen) hash of `toolRef`, if any. */
  pinnedHash(toolRef: string): string | undefined;
}

/** A definition's fields as they were when {@link hashToolDefinition} hashed them. */
interface HashedDefinition extends ToolDefinition {
  readonly hash: string;
}

/** Tools pinned at most per tracker; beyond it new tools are reported but not pinned. */
const MAX_PINNED_TOOLS = 10_000;

/**
 * Hash of a tool definition: `sha256Hex(canonicalize({name, description, inputSchema}))`. An
 * absent description or schema is left out, so it hashes like a definition without it.
 *
 * @throws {Sec0Error} `CORE_CANONICAL_JSON_INVALID` when the schema is not JSON.
 * @example
 * hashToolDefinition({ name: "write", description: "Write a file", inputSchema: { type: "object" } });
 */
export function hashToolDefinition(definition: ToolDefinition): string {
  return sha256Hex(
    canonicalize({
      name: definition.name,
      description: definition.description,
      inputSchema: definition.inputSchema,
    }),
  );
}

/**
 * Creates a tracker that pins each tool's first-seen definition hash. The pin is sticky: every later
 * observation of a different definition reports `tool_definition_changed` against the first one,
 * until the process restarts (a rug-pulled tool cannot make its new definition the baseline).
 *
 * @example
 * const tracker = createToolDefinitionTracker();
 * tracker.observe("mcp://files/write@1.0", { name: "write", description: "Write a file" });
 */
export function createToolDefinitionTracker(): ToolDefinitionTracker {
  const pins = new Map<string, string>();
  const hashes = new WeakMap<ToolDefinition, HashedDefinition>();
  // A call to a listed tool sees the same definition object every time: its hash is kept with
  // the field values it was computed from and reused while they are still those values (an
  // in-place update of the description or schema is hashed again).
  const hashOf = (definition: ToolDefinition): string => {
    const known = hashes.get(definition);
    if (
      known !== undefined &&
      known.name === definition.name &&
      known.description === definition.description &&
      known.inputSchema === definition.inputSchema
    )
      return known.hash;
    const hash = hashToolDefinition(definition);
    hashes.set(definition, {
      name: definition.name,
      description: definition.description,
      inputSchema: definition.inputSchema,
      hash,
    });
    return hash;
  };
  return {
    observe(toolRef, definition) {
      const hash = hashOf(definition);
      const previousHash = pins.get(toolRef);
      if (previousHash === undefined) {
        if (pins.size < MAX_PINNED_TOOLS) pins.set(toolRef, hash);
        return { status: "first_seen", hash };
      }
      if (previousHash === hash) return { status: "unchanged", hash };
      return { status: "changed", reason: "tool_definition_changed", previousHash, hash };
    },
    pinnedHash: (toolRef) => pins.get(toolRef),
  };
}

/**
 * Hash of a handler's source text: SHA-256 of `Function.prototype.toString` (0.2.3 §2.7.4). Bound
 * and native functions all hash alike and closed-over values are not covered.
 *
 * @example
 * hashHandler(async ({ args }) => args); // 64 hex characters
 */
export function hashHandler(handler: (...args: never[]) => unknown): string {
  return sha256Hex(Function.prototype.toString.call(handler));
}

/**
 * Hash of a server's tool registry: SHA-256 of the sorted `"<toolKey>:<hash>"` entries joined by
 * `|`, as 0.2.3 computed its server snapshot.
 *
 * @example
 * hashServerSnapshot(new Map([["write@1.0", hashHandler(write)]]));
 */
export function hashServerSnapshot(
  entries: Iterable<readonly [string, string]> | Readonly<Record<string, string>>,
): string {
  const pairs =
    Symbol.iterator in entries
      ? [...(entries as Iterable<readonly [string, string]>)]
      : Object.entries(entries);
  return sha256Hex(
    pairs
      .map(([toolKey, hash]) => `${toolKey}:${hash}`)
      .sort()
      .join("|"),
  );
}
