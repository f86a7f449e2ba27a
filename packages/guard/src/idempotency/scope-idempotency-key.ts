/** Whose key it is: the store key of a call is its tenant's and its node's, never shared. */
export interface IdempotencyScope {
  readonly tenant: string;
  /** The calling agent's `nodeId` (agent-state headers); `undefined` when it sent none. */
  readonly nodeId: string | undefined;
}

/**
 * The store key of a caller's idempotency key: `<tenant>|<nodeId>|<key>`, tenant and node
 * percent-encoded so that no choice of node id or key collides with another's
 * (`a` + `b|c` ≠ `a|b` + `c`). A caller without a node id gets an empty node segment, distinct
 * from every named node (node ids are never empty). The namespace is as strong as the node identity: on a surface where
 * callers assert their own `x-node-id`, it separates honest agents, not impostors.
 *
 * @example
 * scopeIdempotencyKey({ tenant: "acme", nodeId: "planner" }, "run-1:write"); // "acme|planner|run-1:write"
 */
export function scopeIdempotencyKey(scope: IdempotencyScope, key: string): string {
  return `${encodeSegment(scope.tenant)}|${scope.nodeId === undefined ? "" : encodeSegment(scope.nodeId)}|${key}`;
}

function encodeSegment(text: string): string {
  // `%` first, so that an encoded `|` in the input (`%7C`) stays distinct from a raw one.
  return /[%|]/.test(text) ? text.replace(/%/g, "%25").replace(/\|/g, "%7C") : text;
}
