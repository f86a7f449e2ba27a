import { useEffect, useRef, useState } from "preact/hooks";
import { useLatestRequest } from "../api/use-latest-request.js";
import type { Session } from "../session/session.js";
import { Alert } from "../shell/alert.js";
import { CustodyNode } from "./custody-tree.js";
import type { GraphReply, GraphTree } from "./evidence-types.js";
import { shortId } from "./format-evidence.js";
import { countGraphNodes } from "./graph-node-label.js";

/** A run asked for from elsewhere on the page (a record row); `nonce` repeats the same run. */
export interface CustodyRequest {
  readonly run: string;
  readonly nonce: number;
}

/** Props of {@link CustodyGraph}. */
export interface CustodyGraphProps {
  readonly session: Session;
  readonly request?: CustodyRequest;
}

type Status =
  | { readonly kind: "idle" }
  | { readonly kind: "loading" }
  | { readonly kind: "done"; readonly trees: readonly GraphTree[] };

/** The custody graph of a run or trace: who called what, hop by hop, as nested lists. */
export function CustodyGraph({ session, request }: CustodyGraphProps) {
  const [run, setRun] = useState("");
  const [traceId, setTraceId] = useState("");
  const [status, setStatus] = useState<Status>({ kind: "idle" });
  const [error, setError] = useState<unknown>(undefined);
  const [missing, setMissing] = useState(false);
  const latest = useLatestRequest();
  const heading = useRef<HTMLHeadingElement>(null);

  const show = async (query: { run?: string; trace_id?: string }) => {
    setStatus({ kind: "loading" });
    setError(undefined);
    await latest((signal) => session.api.json<GraphReply>({ path: "/api/audit/graph", query, signal }), {
      done: (reply) => setStatus({ kind: "done", trees: reply.trees }),
      failed: (failure) => {
        setError(failure);
        setStatus({ kind: "idle" });
      },
    });
  };

  useEffect(() => {
    if (request === undefined) return;
    setRun(request.run);
    setTraceId("");
    setMissing(false);
    heading.current?.scrollIntoView({ block: "start" });
    heading.current?.focus();
    void show({ run: request.run });
  }, [request]);

  const onSubmit = (event: Event) => {
    event.preventDefault();
    const query = { run: run.trim() || undefined, trace_id: traceId.trim() || undefined };
    setMissing(query.run === undefined && query.trace_id === undefined);
    if (query.run !== undefined || query.trace_id !== undefined) void show(query);
  };

  return (
    <section class="stack" aria-labelledby="evidence-custody-heading">
      <h2 id="evidence-custody-heading" ref={heading} tabIndex={-1}>
        Custody graph
      </h2>
      <form class="card custody-form" onSubmit={onSubmit} noValidate>
        <div class="evidence-filters">
          <label for="custody-run">
            Run id
            <input
              id="custody-run"
              data-testid="custody-run"
              name="run"
              value={run}
              onInput={(event) => setRun(event.currentTarget.value)}
            />
          </label>
          <label for="custody-trace">
            Trace id
            <input
              id="custody-trace"
              name="trace_id"
              value={traceId}
              onInput={(event) => setTraceId(event.currentTarget.value)}
            />
          </label>
        </div>
        {missing && (
          <p class="alert" role="alert">
            Give a run id or a trace id.
          </p>
        )}
        <div class="row">
          <button
            type="submit"
            class="primary"
            data-testid="custody-show"
            disabled={status.kind === "loading"}
          >
            Show custody
          </button>
          <span class="muted">Built from the stored lines; verify the day files to trust them.</span>
        </div>
      </form>
      <Alert error={error} />
      <div aria-live="polite" aria-busy={status.kind === "loading"}>
        {status.kind === "loading" && <p class="muted">Building the graph…</p>}
        {status.kind === "done" && status.trees.length === 0 && (
          <p class="muted">No records with trace and span ids match.</p>
        )}
      </div>
      {status.kind === "done" &&
        status.trees.map((tree, index) => (
          <div class="card custody" key={`${tree.root.record.object_key}#${tree.root.record.line}`}>
            <h3>
              Tree {index + 1}{" "}
              <span class="muted">
                · {countGraphNodes(tree.root)} hop{countGraphNodes(tree.root) === 1 ? "" : "s"} · trace
                {tree.trace_ids.length === 1 ? " " : "s "}
                {tree.trace_ids.map((id, at) => (
                  <code key={id} title={id}>
                    {at > 0 ? ", " : ""}
                    {shortId(id, 16)}
                  </code>
                ))}
              </span>
            </h3>
            <ul class="custody-tree" data-testid="custody-tree" aria-label={`Custody tree ${index + 1}`}>
              <CustodyNode node={tree.root} />
            </ul>
          </div>
        ))}
    </section>
  );
}
