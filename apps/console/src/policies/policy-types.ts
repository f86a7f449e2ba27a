/** The two levels a policy is published for. */
export type PolicyLevel = "middleware" | "gateway";

/** The levels the page offers, in the order of its selector. */
export const POLICY_LEVELS: readonly PolicyLevel[] = ["middleware", "gateway"];

/** Which policy stream the page shows: a level, and a node's own policy when `nodeId` is set. */
export interface PolicyTarget {
  readonly tenant: string;
  readonly level: PolicyLevel;
  readonly nodeId?: string;
}

/** One stored version's metadata, as `GET /api/policy/:tenant/versions` lists it. */
export interface PolicyVersionInfo {
  readonly tenant: string;
  readonly level: PolicyLevel;
  readonly scope: string;
  readonly version: number;
  readonly sha256: string;
  readonly etag: string;
  readonly created_at: string;
  readonly created_by: string;
  readonly signature: string;
  readonly key_id: string;
  readonly rollback_of: number | null;
}

/** Reply of the versions route (oldest first). */
export interface PolicyHistory {
  readonly tenant: string;
  readonly level: string;
  readonly scope: string;
  readonly versions: readonly PolicyVersionInfo[];
}

/** The current policy text of a stream; `version` and `etag` are absent when none is published. */
export interface CurrentPolicy {
  readonly text: string;
  readonly version?: number;
  readonly etag?: string;
}

/** One error or warning of the validate route (1-based `line` and `column`, `null` when unplaced). */
export interface PolicyFinding {
  readonly code: string;
  readonly message: string;
  readonly line: number | null;
  readonly column: number | null;
  readonly path: string;
  readonly suggestion?: string;
}

/** Reply of `POST /api/policy/:tenant/validate`. */
export interface PolicyValidation {
  readonly valid: boolean;
  readonly errors: readonly PolicyFinding[];
  readonly warnings: readonly PolicyFinding[];
}

/** Reply of the diff route: a unified diff (`diff -u`) between two versions. */
export interface PolicyDiffReply {
  readonly from: number;
  readonly to: number;
  readonly diff: string;
}
