import { useState } from "preact/hooks";
import type { EscalationVerdict } from "./escalation-types.js";

/** Longest note the control plane takes. */
const NOTE_MAX = 4000;

/** Props of {@link VoteForm}. */
export interface VoteFormProps {
  /** Casts the vote; resolves to true when it was recorded (the note is then cleared). */
  readonly onVote: (action: EscalationVerdict, note: string) => Promise<boolean>;
}

/** The approver's note and the approve and reject buttons; both disabled while a vote is on its way. */
export function VoteForm({ onVote }: VoteFormProps) {
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState<EscalationVerdict | undefined>(undefined);

  const vote = async (action: EscalationVerdict): Promise<void> => {
    setBusy(action);
    try {
      if (await onVote(action, note)) setNote("");
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <form class="vote-form stack" onSubmit={(event) => event.preventDefault()} aria-busy={busy !== undefined}>
      <label for="vote-note">
        Note for the record (optional)
        <textarea
          id="vote-note"
          data-testid="vote-note"
          rows={3}
          maxLength={NOTE_MAX}
          value={note}
          onInput={(event) => setNote(event.currentTarget.value)}
        />
      </label>
      <div class="vote-buttons">
        <button
          type="button"
          class="ok"
          data-testid="vote-approve"
          disabled={busy !== undefined}
          onClick={() => void vote("approve")}
        >
          {busy === "approve" ? "Approving…" : "Approve"}
        </button>
        <button
          type="button"
          class="danger"
          data-testid="vote-reject"
          disabled={busy !== undefined}
          onClick={() => void vote("reject")}
        >
          {busy === "reject" ? "Rejecting…" : "Reject"}
        </button>
      </div>
    </form>
  );
}
