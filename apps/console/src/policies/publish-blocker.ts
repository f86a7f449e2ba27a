import type { ValidationState } from "./use-policy-validation.js";

/** What {@link publishBlocker} looks at. */
export interface PublishInputs {
  readonly text: string;
  /** The published text, `undefined` while it is loading. */
  readonly published: string | undefined;
  readonly validation: ValidationState;
  readonly busy: boolean;
}

/**
 * Why the editor text cannot be published now, as a sentence for the user, or `undefined` when it
 * can: loading, busy, unchanged, empty, not yet validated, or with errors.
 *
 * @example
 * publishBlocker({ text, published, validation, busy: false }); // "No changes to publish."
 */
export function publishBlocker(inputs: PublishInputs): string | undefined {
  const { text, published, validation } = inputs;
  if (published === undefined) return "Loading the current policy…";
  if (inputs.busy) return "Working…";
  if (text === published) return "No changes to publish.";
  if (text.trim() === "") return "The policy is empty.";
  if (validation.status === "failed" && validation.checked === text)
    return "The policy could not be validated.";
  if (validation.status !== "done" || validation.checked !== text) return "Validating…";
  if ((validation.result?.errors.length ?? 0) > 0) return "Fix the errors before publishing.";
  return undefined;
}
