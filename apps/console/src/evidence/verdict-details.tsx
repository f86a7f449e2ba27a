import type { StoredLogVerdict } from "./evidence-types.js";
import { checkTone } from "./verdict-badge.js";

const CHECKS = ["signatures", "chain", "checkpoints", "witness"] as const;

/** What a verification found: the first bad line and why, and each check's result. */
export function VerdictDetails({ verdict }: { readonly verdict: StoredLogVerdict }) {
  const badLine = verdict.status === "invalid" && typeof verdict.first_bad_line === "number";
  return (
    <div class="verdict-details">
      {badLine ? (
        <p class="verdict-reason" data-testid="day-file-first-bad-line">
          <strong>first bad line: {verdict.first_bad_line}</strong>
          {verdict.reason !== null && (
            <>
              {" — "}
              <span>{verdict.reason}</span>
            </>
          )}
        </p>
      ) : (
        verdict.reason !== null && <p class="verdict-reason">{verdict.reason}</p>
      )}
      <ul class="verdict-checks" aria-label="Checks">
        {CHECKS.map((check) => (
          <li key={check}>
            {check} <span class={`badge ${checkTone(verdict.checks[check])}`}>{verdict.checks[check]}</span>
          </li>
        ))}
      </ul>
      <p class="muted">{verdict.lines} complete lines read back from the store.</p>
    </div>
  );
}
