import { Alert } from "../shell/alert.js";
import { describeFinding } from "./finding-lines.js";
import type { PolicyFinding } from "./policy-types.js";
import type { ValidationState } from "./use-policy-validation.js";

/** Props of {@link PolicyFindings}. */
export interface PolicyFindingsProps {
  readonly id: string;
  readonly validation: ValidationState;
}

/** The status sentence of a validation, announced politely. */
function statusOf(validation: ValidationState): string {
  if (validation.status === "empty") return "The policy is empty.";
  if (validation.status === "pending" && validation.result === undefined) return "Validating…";
  if (validation.status === "failed") return "The policy could not be validated.";
  const errors = validation.result?.errors.length ?? 0;
  const warnings = validation.result?.warnings.length ?? 0;
  const suffix = validation.status === "pending" ? " (checking the latest edit…)" : "";
  if (errors > 0) return `${errors} ${errors === 1 ? "error" : "errors"}${suffix}`;
  const warned = warnings === 0 ? "" : `, ${warnings} ${warnings === 1 ? "warning" : "warnings"}`;
  return `Valid${warned}${suffix}`;
}

function FindingItem(props: { readonly finding: PolicyFinding; readonly testId: string }) {
  const { finding } = props;
  return (
    <li data-testid={props.testId} data-line={finding.line === null ? undefined : String(finding.line)}>
      {describeFinding(finding)}
    </li>
  );
}

/**
 * The validator's verdict on the editor text: a live status ("Valid", "2 errors"), then each
 * error and warning with its line, column, message, code and suggested fix.
 */
export function PolicyFindings(props: PolicyFindingsProps) {
  const { validation } = props;
  const errors = validation.status === "failed" ? [] : (validation.result?.errors ?? []);
  const warnings = validation.status === "failed" ? [] : (validation.result?.warnings ?? []);
  const bad = errors.length > 0 || validation.status === "failed";
  return (
    <div class="policy-findings" id={props.id}>
      <p
        class={`policy-status ${bad ? "bad" : validation.result?.valid ? "ok" : ""}`}
        role="status"
        aria-live="polite"
      >
        {statusOf(validation)}
      </p>
      {validation.status === "failed" && <Alert error={validation.error} />}
      {errors.length > 0 && (
        <ul class="policy-finding-list errors">
          {errors.map((finding, index) => (
            <FindingItem key={`e${index}`} finding={finding} testId="policy-error" />
          ))}
        </ul>
      )}
      {warnings.length > 0 && (
        <ul class="policy-finding-list warnings">
          {warnings.map((finding, index) => (
            <FindingItem key={`w${index}`} finding={finding} testId="policy-warning" />
          ))}
        </ul>
      )}
    </div>
  );
}
