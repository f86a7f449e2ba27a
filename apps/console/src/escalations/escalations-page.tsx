import { useState } from "preact/hooks";
import type { Session } from "../session/session.js";
import { EscalationDetail } from "./escalation-detail.js";
import { EscalationQueue } from "./escalation-queue.js";
import type { StatusFilter } from "./escalation-types.js";
import "./escalations.css";

/** Props of {@link EscalationsPage}. */
export interface EscalationsPageProps {
  readonly session: Session;
  /** The escalation of `#/escalations/<id>`; none shows the queue. */
  readonly id?: string;
}

/**
 * The Escalations page: the queue (`#/escalations`) with a status filter, or one escalation's detail
 * (`#/escalations/<id>`) with its votes and, for an approver, the vote. The filter is kept while
 * going to a detail and back.
 */
export function EscalationsPage({ session, id }: EscalationsPageProps) {
  const [filter, setFilter] = useState<StatusFilter>("pending");
  if (id !== undefined) return <EscalationDetail key={id} session={session} id={id} />;
  return <EscalationQueue session={session} filter={filter} onFilter={setFilter} />;
}
