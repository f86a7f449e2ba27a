import { factsOf, findingsOf, otherFieldsOf, otherMetadataOf } from "./escalation-facts.js";
import type { EscalationRecord } from "./escalation-types.js";
import { FactList } from "./fact-list.js";
import { FindingsList } from "./findings-list.js";
import { formatArguments } from "./format-arguments.js";
import { expiryText } from "./relative-time.js";
import { TimeText } from "./time-text.js";

/** Props of {@link CallSection}. */
export interface CallSectionProps {
  readonly escalation: EscalationRecord;
  readonly now: number;
}

/**
 * Everything the escalation says of the call it stops: the tool, reason, agent (node and run),
 * approval rules, the arguments (redacted by the server, pretty-printed), the findings, every other
 * metadata member, and its times. All of it is rendered as text.
 */
export function CallSection({ escalation, now }: CallSectionProps) {
  const args = formatArguments(escalation.metadata);
  const findings = findingsOf(escalation);
  const otherMetadata = otherMetadataOf(escalation);
  const otherFields = otherFieldsOf(escalation);
  return (
    <section class="card stack escalation-call" aria-labelledby="escalation-call-heading">
      <h2 id="escalation-call-heading">The call</h2>
      <FactList facts={factsOf(escalation)} />

      <h3>Arguments</h3>
      {args.present ? (
        <>
          <p class="muted">
            Secrets and personal data were replaced before the arguments left the agent's process.
          </p>
          <pre class="escalation-json escalation-args" data-testid="escalation-arguments">
            {args.text}
          </pre>
          {args.truncated && (
            <p class="notice">The arguments were too long and were cut; this is the start of their JSON.</p>
          )}
        </>
      ) : (
        <p class="muted">The escalation carries no arguments.</p>
      )}

      {findings !== undefined && findings.length > 0 && (
        <>
          <h3>Findings</h3>
          <FindingsList findings={findings} />
        </>
      )}

      {otherMetadata.length > 0 && (
        <>
          <h3>More from the requester</h3>
          <FactList facts={otherMetadata} />
        </>
      )}

      {otherFields.length > 0 && (
        <>
          <h3>Other fields</h3>
          <FactList facts={otherFields} />
        </>
      )}

      <h3>Times</h3>
      <dl class="escalation-facts">
        <div class="escalation-fact">
          <dt>Created</dt>
          <dd>
            <TimeText iso={escalation.created_at} now={now} absolute />
          </dd>
        </div>
        <div class="escalation-fact">
          <dt>Expires</dt>
          <dd>
            <TimeText
              iso={escalation.expires_at}
              now={now}
              text={expiryText(escalation.status, escalation.expires_at, now)}
              absolute
            />
          </dd>
        </div>
        {escalation.resolved_at != null && (
          <div class="escalation-fact">
            <dt>Decided</dt>
            <dd>
              <TimeText iso={escalation.resolved_at} now={now} absolute />
            </dd>
          </div>
        )}
      </dl>
    </section>
  );
}
