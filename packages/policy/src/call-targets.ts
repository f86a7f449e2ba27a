const URL_KEYS = ["url", "uri", "href", "endpoint"] as const;
const PATH_KEYS = ["path", "file", "file_path", "filePath", "filename", "dir", "directory"] as const;

/** URLs and paths a call will touch: the explicit lists, else well-known top-level argument names. */
export function collectCallTargets(
  args: unknown,
  urls: readonly string[] | undefined,
  paths: readonly string[] | undefined,
): { urls: readonly string[]; paths: readonly string[] } {
  const record = args !== null && typeof args === "object" ? (args as Record<string, unknown>) : undefined;
  return {
    urls: urls ?? pick(record, URL_KEYS, "urls"),
    paths: paths ?? pick(record, PATH_KEYS, "paths"),
  };
}

function pick(
  record: Record<string, unknown> | undefined,
  keys: readonly string[],
  listKey: string,
): string[] {
  if (record === undefined) return [];
  const out: string[] = [];
  for (const key of keys) {
    const value = record[key];
    if (typeof value === "string" && value.length > 0) out.push(value);
  }
  const list = record[listKey];
  if (Array.isArray(list)) for (const item of list) if (typeof item === "string") out.push(item);
  return out;
}
