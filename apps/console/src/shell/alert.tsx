import { describeError } from "../api/api-error.js";

/** A failure, announced to screen readers, with the server's sentence and code. */
export function Alert({ error }: { readonly error: unknown }) {
  if (error === undefined || error === null) return null;
  return (
    <p class="alert" role="alert" data-testid="alert">
      {describeError(error)}
    </p>
  );
}
