import { useEffect, useMemo, useState } from "preact/hooks";
import type { ApiClient } from "../api/api-client.js";
import { createDebounced } from "./debounce.js";
import { validatePolicy } from "./policy-api.js";
import type { PolicyTarget, PolicyValidation } from "./policy-types.js";

/** How long the editor must be still before its text is validated. */
export const VALIDATE_DELAY_MS = 300;

/**
 * Where validation of the editor text stands. `result` and `error` belong to `checked`, the last
 * text validated; they stay shown while a newer text is `pending` so the list does not flicker.
 */
export interface ValidationState {
  readonly status: "empty" | "pending" | "done" | "failed";
  readonly checked?: string;
  readonly result?: PolicyValidation;
  readonly error?: unknown;
}

/**
 * Validates `text` through the control plane once it has been still for {@link VALIDATE_DELAY_MS},
 * aborting the previous request on every change. An empty text is not sent.
 */
export function usePolicyValidation(api: ApiClient, target: PolicyTarget, text: string): ValidationState {
  const [state, setState] = useState<ValidationState>({ status: "empty" });
  const debounced = useMemo(
    () =>
      createDebounced((checked: string, signal: AbortSignal) => {
        validatePolicy(api, target, checked, signal).then(
          (result) => {
            if (!signal.aborted) setState({ status: "done", checked, result });
          },
          (error: unknown) => {
            if (!signal.aborted) setState({ status: "failed", checked, error });
          },
        );
      }, VALIDATE_DELAY_MS),
    [api, target],
  );

  useEffect(() => {
    if (text === "") {
      setState({ status: "empty" });
      return;
    }
    const controller = new AbortController();
    setState((previous) => ({ ...previous, status: "pending" }));
    debounced.call(text, controller.signal);
    return () => {
      debounced.cancel();
      controller.abort();
    };
  }, [debounced, text]);

  return state;
}
