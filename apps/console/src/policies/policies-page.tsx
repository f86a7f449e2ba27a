import { unifiedLineDiff } from "@sec0/core/text-diff";
import { useEffect, useMemo, useState } from "preact/hooks";
import { ApiError } from "../api/api-error.js";
import type { Session } from "../session/session.js";
import { Alert } from "../shell/alert.js";
import { countLines, lineMarks } from "./finding-lines.js";
import { parseUnifiedDiff } from "./parse-unified-diff.js";
import { publishPolicy, rollbackPolicy } from "./policy-api.js";
import { PolicyDiffView } from "./policy-diff-view.js";
import { PolicyEditor } from "./policy-editor.js";
import { PolicyFindings } from "./policy-findings.js";
import { PolicyTargetForm } from "./policy-target-form.js";
import type { PolicyLevel, PolicyTarget } from "./policy-types.js";
import { PolicyVersions } from "./policy-versions.js";
import { publishBlocker } from "./publish-blocker.js";
import { usePolicyStream } from "./use-policy-stream.js";
import { usePolicyValidation } from "./use-policy-validation.js";
import { useVersionDiff } from "./use-version-diff.js";
import "./policies.css";

const FINDINGS_ID = "policy-findings";

/**
 * The Policies page: the current policy of a level in an editor validated as you type, its
 * version history with diffs, and (for keys with `policy:write`) publish and rollback.
 */
export function PoliciesPage(props: { session: Session }) {
  const { session } = props;
  const { api } = session;
  const canWrite = session.can("policy:write");
  const [level, setLevel] = useState<PolicyLevel>("middleware");
  const [nodeId, setNodeId] = useState<string | undefined>(undefined);
  const target = useMemo<PolicyTarget>(
    () => ({ tenant: session.me.tenant, level, ...(nodeId === undefined ? {} : { nodeId }) }),
    [session.me.tenant, level, nodeId],
  );
  const stream = usePolicyStream(api, target);
  const current = stream.current;
  const [text, setText] = useState("");
  const [compared, setCompared] = useState<number | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<unknown>(undefined);
  const [message, setMessage] = useState("");

  // A newly loaded policy (first load, another level, after publish or rollback) replaces the text.
  useEffect(() => setText(current?.text ?? ""), [current]);
  useEffect(() => {
    setCompared(undefined);
    setActionError(undefined);
    setMessage("");
  }, [target]);

  const validation = usePolicyValidation(api, target, text);
  const versionDiff = useVersionDiff(api, target, compared, current?.version);
  const errors = validation.status === "failed" ? [] : (validation.result?.errors ?? []);
  const warnings = validation.status === "failed" ? [] : (validation.result?.warnings ?? []);
  const marks = lineMarks(errors, warnings, countLines(text));
  const blocker = publishBlocker({ text, published: current?.text, validation, busy });

  const act = async (run: () => Promise<string>) => {
    setBusy(true);
    setActionError(undefined);
    setMessage("");
    try {
      setMessage(await run());
    } catch (error) {
      setActionError(error);
    } finally {
      setBusy(false);
    }
  };
  const publish = () =>
    act(async () => {
      const published = await publishPolicy(api, target, text, current?.etag);
      setCompared(undefined);
      await stream.reload();
      return published.version === current?.version
        ? `Unchanged: version ${published.version} is still current.`
        : `Published version ${published.version}.`;
    });
  const rollback = (version: number) =>
    act(async () => {
      const restored = await rollbackPolicy(api, target, version, current?.etag);
      setCompared(undefined);
      await stream.reload();
      return `Version ${version} restored as version ${restored.version}.`;
    });
  const isStale = actionError instanceof ApiError && actionError.code === "CP_PRECONDITION_FAILED";
  const unsaved = current !== undefined && compared === undefined && text !== current.text;

  return (
    <section class="policies-page stack" aria-labelledby="policies-title">
      <h1 id="policies-title">Policies</h1>
      <PolicyTargetForm level={level} nodeId={nodeId} onLevel={setLevel} onNodeId={setNodeId} />
      {!canWrite && <p class="muted">Publishing needs the policy editor role.</p>}
      <Alert error={stream.error} />
      <div class="policies-layout">
        <section
          class="card stack policy-edit"
          aria-labelledby="policy-edit-title"
          aria-busy={stream.loading}
        >
          <h2 id="policy-edit-title">
            {current === undefined
              ? "Current policy"
              : current.version === undefined
                ? "No policy published yet"
                : `Current policy: version ${current.version}`}
          </h2>
          <PolicyEditor
            text={text}
            readOnly={!canWrite}
            marks={marks}
            invalid={errors.length > 0}
            describedBy={FINDINGS_ID}
            onInput={setText}
          />
          <PolicyFindings id={FINDINGS_ID} validation={validation} />
          {canWrite && (
            <div class="row">
              <button
                type="button"
                class="primary"
                data-testid="policy-publish"
                disabled={blocker !== undefined}
                onClick={publish}
              >
                Publish
              </button>
              {unsaved && (
                <button type="button" disabled={busy} onClick={() => setText(current.text)}>
                  Discard changes
                </button>
              )}
              <span class="muted">{blocker}</span>
            </div>
          )}
          <Alert error={actionError} />
          {isStale && (
            <p>
              <button type="button" onClick={() => void stream.reload()}>
                Load the latest version (discards your edits)
              </button>
            </p>
          )}
          <p class="muted" role="status" aria-live="polite">
            {message}
          </p>
        </section>
        <section class="card policy-history" aria-labelledby="policy-history-title">
          <h2 id="policy-history-title">Versions</h2>
          {stream.versions === undefined ? (
            <p class="muted">{stream.loading ? "Loading…" : "No versions to show."}</p>
          ) : (
            <PolicyVersions
              versions={stream.versions}
              currentVersion={current?.version}
              compared={compared}
              canWrite={canWrite}
              busy={busy || stream.loading}
              onCompare={setCompared}
              onRollback={rollback}
            />
          )}
        </section>
      </div>
      <Alert error={versionDiff.error} />
      {compared !== undefined && versionDiff.error === undefined && (
        <PolicyDiffView
          title={`Changes from version ${compared} to the current version${versionDiff.to === undefined ? "" : ` (${versionDiff.to})`}`}
          lines={versionDiff.lines}
        />
      )}
      {unsaved && (
        <PolicyDiffView
          title="Unsaved changes (published → editor)"
          lines={parseUnifiedDiff(unifiedLineDiff(current.text, text, "published", "editor"))}
        />
      )}
    </section>
  );
}
