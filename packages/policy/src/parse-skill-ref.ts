import { Sec0Error } from "@sec0/core";

/** A parsed skill reference `source/author/name@version#digest`. */
export interface SkillRef {
  readonly source: string;
  readonly author: string;
  readonly name: string;
  /** Absent when the reference has no `@version`. */
  readonly version?: string;
  /** Absent when the reference has no `#digest`. */
  readonly digest?: string;
  /** `source/author/name`: the skill whatever its revision. */
  readonly skillRef: string;
  /** `source/author/name@version#digest`, `unknown` standing for a missing version or digest. */
  readonly revisionRef: string;
}

const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const VERSION = /^[^\s@#/]+$/;
const DIGEST = /^[A-Za-z0-9][A-Za-z0-9:._+=-]*$/;

/**
 * Parses `source/author/name@version#digest`; the version and the digest are optional
 * (`clawhub/acme/pdf-tools`, `clawhub/acme/pdf-tools@1.2.0`,
 * `clawhub/acme/pdf-tools@1.2.0#sha256:ab12…`, `clawhub/acme/pdf-tools#sha256:ab12…`). Source,
 * author and name are letters, digits, `.`, `_` and `-`, starting with a letter or digit; surrounding
 * whitespace is ignored.
 *
 * @throws {Sec0Error} `POLICY_SKILL_REF_INVALID` for any other text (details: `ref`, `reason`).
 * @example
 * parseSkillRef("clawhub/acme/pdf-tools@1.2.0").revisionRef; // "clawhub/acme/pdf-tools@1.2.0#unknown"
 */
export function parseSkillRef(text: string): SkillRef {
  const ref = text.trim();
  const hash = ref.indexOf("#");
  const head = hash === -1 ? ref : ref.slice(0, hash);
  const digest = hash === -1 ? undefined : ref.slice(hash + 1);
  const at = head.indexOf("@");
  const path = at === -1 ? head : head.slice(0, at);
  const version = at === -1 ? undefined : head.slice(at + 1);
  const segments = path.split("/");
  if (segments.length !== 3) {
    throw invalid(text, `needs three parts source/author/name; got ${segments.length}`);
  }
  const bad = segments.find((segment) => !SEGMENT.test(segment));
  if (bad !== undefined) throw invalid(text, `${JSON.stringify(bad)} is not a source, author or name`);
  if (version !== undefined && !VERSION.test(version)) {
    throw invalid(text, `${JSON.stringify(version)} is not a version`);
  }
  if (digest !== undefined && !DIGEST.test(digest)) {
    throw invalid(text, `${JSON.stringify(digest)} is not a digest`);
  }
  const [source, author, name] = segments as [string, string, string];
  const skillRef = `${source}/${author}/${name}`;
  return {
    source,
    author,
    name,
    ...(version === undefined ? {} : { version }),
    ...(digest === undefined ? {} : { digest }),
    skillRef,
    revisionRef: `${skillRef}@${version ?? "unknown"}#${digest ?? "unknown"}`,
  };
}

function invalid(text: string, reason: string): Sec0Error {
  return new Sec0Error(
    "POLICY_SKILL_REF_INVALID",
    `Invalid skill reference ${JSON.stringify(text)}: ${reason}. Write source/author/name, optionally with @version and #digest, e.g. "clawhub/acme/pdf-tools@1.2.0#sha256:…".`,
    { details: { ref: text, reason } },
  );
}
