import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import type { ApiClient } from "../api/api-client.js";
import { fetchCurrentPolicy, fetchPolicyVersions } from "./policy-api.js";
import type { CurrentPolicy, PolicyTarget, PolicyVersionInfo } from "./policy-types.js";

/** What the page knows of a policy stream: its current text and its history. */
export interface PolicyStreamState {
  readonly loading: boolean;
  readonly current?: CurrentPolicy;
  readonly versions?: readonly PolicyVersionInfo[];
  readonly error?: unknown;
  /** Fetches both again; resolves to the current policy, or `undefined` when the load failed or was superseded. */
  reload(): Promise<CurrentPolicy | undefined>;
}

/**
 * Loads the current policy and the versions of `target`, again whenever `target` changes; an
 * answer for a target that is no longer shown is dropped.
 */
export function usePolicyStream(api: ApiClient, target: PolicyTarget): PolicyStreamState {
  const [data, setData] = useState<Omit<PolicyStreamState, "reload">>({ loading: true });
  const generation = useRef(0);

  const reload = useCallback(async (): Promise<CurrentPolicy | undefined> => {
    const mine = ++generation.current;
    setData((previous) => ({ ...previous, loading: true, error: undefined }));
    try {
      const [current, versions] = await Promise.all([
        fetchCurrentPolicy(api, target),
        fetchPolicyVersions(api, target),
      ]);
      if (mine !== generation.current) return undefined;
      setData({ loading: false, current, versions });
      return current;
    } catch (error) {
      if (mine === generation.current) setData((previous) => ({ ...previous, loading: false, error }));
      return undefined;
    }
  }, [api, target]);

  useEffect(() => {
    setData({ loading: true });
    void reload();
    return () => {
      generation.current++;
    };
  }, [reload]);

  return { ...data, reload };
}
