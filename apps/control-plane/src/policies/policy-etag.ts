/**
 * The strong ETag of a policy body: the quoted SHA-256 hex of its YAML. It changes exactly when
 * the content changes (a rollback to earlier content brings its ETag back, which is correct for
 * a cache of the body).
 */
export function policyEtag(sha256: string): string {
  return `"${sha256}"`;
}

/** The entity tags of an `If-None-Match` / `If-Match` header (`*` kept as is, `W/` dropped). */
export function parseEtagList(header: string | string[] | undefined): string[] {
  const text = Array.isArray(header) ? header.join(",") : (header ?? "");
  const tags: string[] = [];
  for (const match of text.matchAll(/\s*(\*|(?:W\/)?"[^"]*")\s*(?:,|$)/g)) {
    const tag = match[1];
    if (tag !== undefined) tags.push(tag.replace(/^W\//, ""));
  }
  return tags;
}

/** True when `header` (`If-None-Match` or `If-Match`) names `etag` or is `*`. */
export function etagMatches(header: string | string[] | undefined, etag: string): boolean {
  return parseEtagList(header).some((tag) => tag === "*" || tag === etag);
}
