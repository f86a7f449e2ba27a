import { useEffect, useState } from "preact/hooks";
import type { ApiClient } from "../api/api-client.js";
import type { DiffLine } from "./diff-line.js";
import { parseUnifiedDiff } from "./parse-unified-diff.js";
import { fetchPolicyDiff } from "./policy-api.js";
import type { PolicyTarget } from "./policy-types.js";

/** The server's diff from a chosen version to the current one. */
export interface VersionDiffState {
  readonly from?: number;
  readonly to?: number;
  readonly lines?: readonly DiffLine[];
  readonly error?: unknown;
}

/**
 * Fetches the diff from version `from` to the current version (again when the current version
 * changes); nothing while `from` is `undefined`.
 */
export function useVersionDiff(
  api: ApiClient,
  target: PolicyTarget,
  from: number | undefined,
  currentVersion: number | undefined,
): VersionDiffState {
  const [state, setState] = useState<VersionDiffState>({});
  useEffect(() => {
    setState({ from });
    if (from === undefined || currentVersion === undefined) return;
    const controller = new AbortController();
    fetchPolicyDiff(api, target, from, controller.signal).then(
      (reply) => {
        if (!controller.signal.aborted) setState({ from, to: reply.to, lines: parseUnifiedDiff(reply.diff) });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ from, error });
      },
    );
    return () => controller.abort();
  }, [api, target, from, currentVersion]);
  return state;
}
