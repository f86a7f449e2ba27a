/**
 * What an argument's name says about its string values: a path (`path`, `output_file`,
 * `sourceDir`), a URL (`url`, `webhook_url`, `baseURL`), or maybe a path (`source`, `target`, …:
 * words that name paths in file tools and other things elsewhere, so only a value that looks like
 * a path counts).
 */
export type NameRole = "path" | "url" | "maybe-path" | "none";

const URL_WORDS = new Set([
  "url",
  "urls",
  "uri",
  "uris",
  "iri",
  "href",
  "hrefs",
  "endpoint",
  "endpoints",
  "webhook",
  "webhooks",
  "link",
  "links",
]);

const PATH_WORDS = new Set([
  "path",
  "paths",
  "pathname",
  "file",
  "files",
  "filename",
  "filenames",
  "filepath",
  "filepaths",
  "dir",
  "dirs",
  "dirname",
  "directory",
  "directories",
  "folder",
  "folders",
  "cwd",
  "workdir",
]);

/** Whole names only: `target_language` is not a path, `target` may be. */
const MAYBE_PATH_NAMES = new Set([
  "source",
  "sources",
  "destination",
  "destinations",
  "src",
  "dst",
  "dest",
  "target",
  "targets",
  "root",
]);

// Argument names repeat call after call; a plain map (cleared when full) keeps the walk cheap.
const roles = new Map<string, NameRole>();
const MAX_CACHED_NAMES = 2048;

/**
 * The role of an argument name, case-insensitively and across spellings: the name is split into
 * words (`_`, `-`, `.`, spaces, camelCase), and it is a URL or a path when its last word, or all
 * its words run together, is one of the known words.
 *
 * @example
 * roleOfName("webhook_url"); // "url"
 * roleOfName("Path"); // "path"
 * roleOfName("target_language"); // "none"
 */
export function roleOfName(name: string): NameRole {
  let role = roles.get(name);
  if (role === undefined) {
    role = computeRole(name);
    if (roles.size >= MAX_CACHED_NAMES) roles.clear();
    roles.set(name, role);
  }
  return role;
}

function computeRole(name: string): NameRole {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 0);
  const last = words[words.length - 1];
  if (last === undefined) return "none";
  const whole = words.join("");
  if (URL_WORDS.has(last) || URL_WORDS.has(whole)) return "url";
  if (PATH_WORDS.has(last) || PATH_WORDS.has(whole)) return "path";
  return MAYBE_PATH_NAMES.has(whole) ? "maybe-path" : "none";
}
