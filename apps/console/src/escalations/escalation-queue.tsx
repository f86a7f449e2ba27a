import type { Session } from "../session/session.js";
import { Alert } from "../shell/alert.js";
import { EscalationRow } from "./escalation-row.js";
import { ESCALATION_STATUSES, type StatusFilter } from "./escalation-types.js";
import { useEscalationQueue } from "./use-escalation-queue.js";
import { useNow } from "./use-now.js";

/** Props of {@link EscalationQueue}. */
export interface EscalationQueueProps {
  readonly session: Session;
  readonly filter: StatusFilter;
  readonly onFilter: (filter: StatusFilter) => void;
}

const FILTERS: readonly StatusFilter[] = [...ESCALATION_STATUSES, "all"];

function countText(count: number, filter: StatusFilter): string {
  const what = filter === "all" ? "" : ` ${filter}`;
  if (count === 0) return `No${what} escalations.`;
  return `${count}${what} escalation${count === 1 ? "" : "s"}.`;
}

/**
 * The queue: the escalations of the chosen status (pending first, soonest expiry first), read again
 * every 5 s; each row opens its detail.
 */
export function EscalationQueue({ session, filter, onFilter }: EscalationQueueProps) {
  const queue = useEscalationQueue(session.api, filter);
  const now = useNow(5000);
  const { escalations } = queue;
  return (
    <section class="stack escalation-queue" aria-labelledby="escalations-heading">
      <div class="row escalation-queue-head">
        <h1 id="escalations-heading">Escalations</h1>
        <label for="escalation-status-filter">
          Status
          <select
            id="escalation-status-filter"
            data-testid="escalation-filter"
            value={filter}
            onChange={(event) => onFilter(event.currentTarget.value as StatusFilter)}
          >
            {FILTERS.map((option) => (
              <option key={option} value={option}>
                {option}
              </option>
            ))}
          </select>
        </label>
      </div>
      <Alert error={queue.error} />
      {escalations === undefined ? (
        queue.loading && (
          <p class="muted" aria-busy="true">
            Loading escalations…
          </p>
        )
      ) : (
        <>
          <p class="muted" aria-live="polite">
            {countText(escalations.length, filter)}
          </p>
          {escalations.length > 0 && (
            <div class="table-scroll">
              <table class="cards escalation-table">
                <caption class="visually-hidden">
                  Escalations ({filter}); select one to see it and vote.
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Tool</th>
                    <th scope="col">Status</th>
                    <th scope="col">Reason</th>
                    <th scope="col">Agent</th>
                    <th scope="col">Created</th>
                    <th scope="col">Expires</th>
                  </tr>
                </thead>
                <tbody>
                  {escalations.map((escalation) => (
                    <EscalationRow key={escalation.id} escalation={escalation} now={now} />
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}
