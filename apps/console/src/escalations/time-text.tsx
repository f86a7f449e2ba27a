import { formatUtc } from "../shell/format-utc.js";
import { relativeTime } from "./relative-time.js";

/** Props of {@link TimeText}. */
export interface TimeTextProps {
  readonly iso: string | null | undefined;
  readonly now: number;
  /** What to say instead of the relative time (e.g. "expires in 4 min"). */
  readonly text?: string;
  /** Also write the instant itself, in UTC. */
  readonly absolute?: boolean;
}

/** An instant as a `<time>`: relative to now, the exact UTC instant in its title (or beside it). */
export function TimeText({ iso, now, text, absolute }: TimeTextProps) {
  const relative = text ?? relativeTime(iso, now);
  if (iso === null || iso === undefined || relative === undefined) return <span class="muted">—</span>;
  const exact = formatUtc(iso);
  return (
    <time dateTime={iso} title={exact}>
      {absolute === true ? `${exact} (${relative})` : relative}
    </time>
  );
}
