import { formatUtc } from "../shell/format-utc.js";
import type { PolicyVersionInfo } from "./policy-types.js";

/** Props of {@link PolicyVersions}. */
export interface PolicyVersionsProps {
  /** Oldest first, as the server lists them; shown newest first. */
  readonly versions: readonly PolicyVersionInfo[];
  readonly currentVersion: number | undefined;
  readonly compared: number | undefined;
  readonly canWrite: boolean;
  readonly busy: boolean;
  readonly onCompare: (version: number | undefined) => void;
  readonly onRollback: (version: number) => void;
}

/** A UTC time that may break between its date and its clock, never inside either. */
function TimeCell(props: { readonly iso: string }) {
  const text = formatUtc(props.iso);
  const space = text.indexOf(" ");
  if (space === -1) return <time dateTime={props.iso}>{text}</time>;
  return (
    <time dateTime={props.iso}>
      <span class="policy-time-part">{text.slice(0, space)}</span>{" "}
      <span class="policy-time-part">{text.slice(space + 1)}</span>
    </time>
  );
}

/**
 * The history of the policy stream, one row per version (number, time, author, origin), with a
 * diff against the current version and, for a policy editor, a rollback for every older one.
 */
export function PolicyVersions(props: PolicyVersionsProps) {
  if (props.versions.length === 0) return <p class="muted">No version has been published yet.</p>;
  const newestFirst = [...props.versions].reverse();
  return (
    <div class="policy-versions-scroll">
      <table class="cards policy-versions">
        <caption class="visually-hidden">Policy versions, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Created</th>
            <th scope="col">By</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {newestFirst.map((entry) => {
            const isCurrent = entry.version === props.currentVersion;
            const isCompared = entry.version === props.compared;
            return (
              <tr
                key={entry.version}
                data-testid="policy-version"
                class={isCompared ? "compared" : undefined}
              >
                <td data-label="Version">
                  <span class="policy-version-number">{entry.version}</span>{" "}
                  {isCurrent && <span class="badge ok">current</span>}
                  {entry.rollback_of !== null && (
                    <span class="muted policy-version-note">rollback to version {entry.rollback_of}</span>
                  )}
                </td>
                <td data-label="Created">
                  <TimeCell iso={entry.created_at} />
                </td>
                <td data-label="By">
                  <code>{entry.created_by}</code>
                </td>
                <td data-label={isCurrent ? undefined : "Actions"}>
                  {!isCurrent && (
                    <div class="row">
                      <button
                        type="button"
                        aria-pressed={isCompared}
                        onClick={() => props.onCompare(isCompared ? undefined : entry.version)}
                      >
                        {isCompared ? "Hide diff" : "Diff"}
                        <span class="visually-hidden">
                          {" "}
                          of version {entry.version} with the current version
                        </span>
                      </button>
                      {props.canWrite && (
                        <button
                          type="button"
                          data-testid="policy-rollback"
                          disabled={props.busy}
                          onClick={() => props.onRollback(entry.version)}
                        >
                          Roll back<span class="visually-hidden"> to version {entry.version}</span>
                        </button>
                      )}
                    </div>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
