import type { DiffLine } from "./diff-line.js";

/** Props of {@link PolicyDiffView}. */
export interface PolicyDiffViewProps {
  readonly title: string;
  readonly lines: readonly DiffLine[] | undefined;
  readonly loading?: boolean;
}

const MARKERS: Record<DiffLine["kind"], string> = { context: " ", remove: "-", add: "+", hunk: "" };

/**
 * A unified, line-based diff: removed lines red with `-`, added lines green with `+` (the markers
 * carry the meaning without colour), hunk headers muted.
 */
export function PolicyDiffView(props: PolicyDiffViewProps) {
  return (
    <section class="card policy-diff" data-testid="policy-diff" aria-labelledby="policy-diff-title">
      <h2 id="policy-diff-title">{props.title}</h2>
      {props.loading === true || props.lines === undefined ? (
        <p class="muted" aria-busy="true">
          Loading the diff…
        </p>
      ) : props.lines.length === 0 ? (
        <p class="muted">No differences.</p>
      ) : (
        <pre class="diff">
          {props.lines.map((line, index) => (
            <span key={index} class={`diff-line ${line.kind}`}>
              {line.kind === "hunk" ? line.text : `${MARKERS[line.kind]} ${line.text}`}
              {"\n"}
            </span>
          ))}
        </pre>
      )}
    </section>
  );
}
