// Reads an npm tarball (gzipped tar, every path under `package/`) and checks what it would
// publish: README and LICENSE, no tests, fixtures or build info, and a file behind every `exports`,
// `bin`, `main` and `types` target. Plain Node, no dependencies.
import { gunzipSync } from "node:zlib";

const BLOCK = 512;

/** The NUL-terminated text of a tar header field. */
function field(header, start, length) {
  const bytes = header.subarray(start, start + length);
  const end = bytes.indexOf(0);
  return bytes.subarray(0, end === -1 ? bytes.length : end).toString("utf8");
}

/** The `path` record of a pax extended header, if any (records are `<len> key=value\n`). */
function paxPath(body) {
  for (const record of body.toString("utf8").split("\n")) {
    const match = /^\d+ path=(.*)$/.exec(record);
    if (match) return match[1];
  }
  return undefined;
}

/**
 * The regular files of a gzipped tarball, by path inside the package (`package/` removed).
 * Understands ustar prefixes, pax `path` records and GNU long names.
 * @param {Buffer} gzipped
 * @returns {Map<string, Buffer>}
 */
export function readTarball(gzipped) {
  const tar = gunzipSync(gzipped);
  const files = new Map();
  let longPath;
  for (let offset = 0; offset + BLOCK <= tar.length; ) {
    const header = tar.subarray(offset, offset + BLOCK);
    if (header.every((byte) => byte === 0)) break;
    const size = Number.parseInt(field(header, 124, 12).trim() || "0", 8);
    const type = String.fromCharCode(header[156]);
    const body = tar.subarray(offset + BLOCK, offset + BLOCK + size);
    offset += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    if (type === "x") longPath = paxPath(body) ?? longPath;
    else if (type === "L") longPath = field(body, 0, body.length);
    else if (type === "0" || type === "\0") {
      const prefix = field(header, 345, 155);
      const name = longPath ?? (prefix === "" ? field(header, 0, 100) : `${prefix}/${field(header, 0, 100)}`);
      files.set(name.replace(/^package\//, ""), Buffer.from(body));
    }
    if (type !== "x" && type !== "L" && type !== "g") longPath = undefined;
  }
  return files;
}

/** Every string target of an `exports` value (conditions and subpaths flattened). */
export function exportTargets(value) {
  if (typeof value === "string") return [value];
  if (value === null || typeof value !== "object") return [];
  return Object.values(value).flatMap(exportTargets);
}

/** Whether some file matches `target` (`./dist/x.js`, or a pattern with one `*`). */
function hasTarget(paths, target) {
  const path = target.replace(/^\.\//, "");
  if (!path.includes("*")) return paths.has(path);
  const [head, tail] = path.split("*");
  return [...paths].some((file) => file.startsWith(head) && file.endsWith(tail));
}

const FORBIDDEN = [
  [/(^|\/)__fixtures__\//, "a fixture"],
  [/\.(test|spec)\.[^/]*$/, "a test"],
  [/\.tsbuildinfo$/, "TypeScript build info"],
  [/(^|\/)\.turbo\//, "turbo cache"],
];

/**
 * What is wrong with a packed tarball, as sentences (empty when it is fit to publish).
 * @param {Map<string, Buffer>} files from {@link readTarball}
 * @param {{ version: string }} expected the workspace manifest's version
 */
export function checkTarball(files, expected) {
  const problems = [];
  const manifestFile = files.get("package.json");
  if (manifestFile === undefined) return ["no package.json"];
  const manifest = JSON.parse(manifestFile.toString("utf8"));
  if (manifest.version !== expected.version) {
    problems.push(`version ${manifest.version}, but the workspace manifest says ${expected.version}`);
  }
  for (const name of ["README.md", "LICENSE"]) if (!files.has(name)) problems.push(`no ${name}`);
  const paths = new Set(files.keys());
  for (const path of paths) {
    for (const [pattern, what] of FORBIDDEN) if (pattern.test(path)) problems.push(`${path} is ${what}`);
  }
  const bins = typeof manifest.bin === "string" ? [manifest.bin] : Object.values(manifest.bin ?? {});
  const targets = [
    ...exportTargets(manifest.exports).map((target) => ["exports", target]),
    ...bins.map((target) => ["bin", target]),
    ...["main", "types"].filter((key) => manifest[key] !== undefined).map((key) => [key, manifest[key]]),
  ];
  for (const [where, target] of targets) {
    if (!hasTarget(paths, target)) problems.push(`${where} target ${target} is not in the tarball`);
  }
  for (const group of ["dependencies", "peerDependencies", "optionalDependencies"]) {
    for (const [dep, range] of Object.entries(manifest[group] ?? {})) {
      if (/^(workspace|catalog|link|file):/.test(String(range))) {
        problems.push(`${group}.${dep} is "${range}", which no registry resolves`);
      }
    }
  }
  return problems;
}
