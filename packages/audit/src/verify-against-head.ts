import { basename, join } from "node:path";
import { canonicalBytes, canonicalize, type Verifier } from "@sec0/core";
import { type AuditHead, lineOfHead } from "./audit-head.js";
import { dayFileName } from "./day-file.js";
import { createEd25519Verifier } from "./ed25519-verifier.js";
import { forEachLine } from "./for-each-line.js";
import { type AuditDirReport, type AuditDirVerifyOptions, verifyAuditDir } from "./verify-dir.js";
import type { LineProblem } from "./verify-line.js";

/** What {@link verifyAgainstHead} found: the directory report, and the known head's place in it. */
export interface AuditHeadReport extends AuditDirReport {
  /** Where the known head belongs: its day file, 1-based line and `seq`. */
  readonly head: { readonly path: string; readonly line: number; readonly seq: number };
  /** Lines the log holds after the known head; `undefined` when the head was not found. */
  readonly linesAfterHead: number | undefined;
}

type HeadLocation = AuditHeadReport["head"];

/**
 * Verifies the log in `dir` like {@link verifyAuditDir} and proves that it still holds `head` (a
 * head saved earlier from {@link readAuditHead} or `sec0 audit head`) byte for byte at its place,
 * so nothing up to the head was cut or rewritten; lines after it extend it. With a key the head's
 * own signature is checked first. Problems are values: `known_head_truncated` (the log now ends
 * before the head), `known_head_rewritten` (another line stands where the head was),
 * `known_head_missing` (the head's day file is gone but later ones remain, e.g. retention), and
 * `known_head_signature_invalid`.
 *
 * @throws {Sec0Error} `AUDIT_KEY_INVALID` for a public key that is not 32 bytes.
 * @example
 * const report = await verifyAgainstHead(".sec0", parseAuditHead(savedJson), { publicKey });
 * if (report.status !== "valid") console.error(report.problem);
 */
export async function verifyAgainstHead(
  dir: string,
  head: AuditHead,
  options: Pick<AuditDirVerifyOptions, "publicKey" | "verifier" | "from"> = {},
): Promise<AuditHeadReport> {
  const verifier =
    options.verifier ??
    (options.publicKey === undefined ? undefined : createEd25519Verifier(options.publicKey));
  const location: HeadLocation = {
    path: join(dir, dayFileName(head.date)),
    line: lineOfHead(head),
    seq: head.seq,
  };
  const report = await verifyAuditDir(dir, { verifier, from: options.from });
  const unsigned = verifier === undefined ? undefined : checkHeadSignature(head, verifier);
  if (unsigned !== undefined) return withProblem(report, location, unsigned);
  if (report.problem !== undefined) return { ...report, head: location, linesAfterHead: undefined };
  const found = await findHead(report, head, location);
  if ("code" in found) return withProblem(report, location, found);
  return { ...report, head: location, linesAfterHead: found.linesAfter };
}

async function findHead(
  report: AuditDirReport,
  head: AuditHead,
  location: HeadLocation,
): Promise<{ linesAfter: number } | LineProblem> {
  const name = basename(location.path);
  const where = `line ${location.line} of ${name}, seq ${location.seq}`;
  const index = report.files.findIndex((file) => file.path === location.path);
  if (index === -1) {
    if (report.files.some((file) => basename(file.path) > name)) {
      return {
        code: "known_head_missing",
        message: `${name}, which held the known head (${where}), is gone while later day files remain (deleted, or removed by retention): the log cannot be shown to extend the head. Keep a newer head (\`sec0 audit head\`)`,
      };
    }
    return {
      code: "known_head_truncated",
      message: `${name}, which held the known head (${where}), is gone and no later day file exists: the log now ends before the head, so lines it covers were cut`,
    };
  }
  const file = report.files[index] as AuditDirReport["files"][number];
  if (file.lines < location.line) {
    return {
      code: "known_head_truncated",
      message: `${name} has ${file.lines} lines, but the known head is its line ${location.line} (seq ${location.seq}): the log now ends before the head, so lines it covers were cut`,
    };
  }
  const line = await readLine(file.path, location.line);
  if (line === undefined || !isSameRecord(line, head)) {
    return {
      code: "known_head_rewritten",
      message: `${where.replace(/^line/, "Line")} is not the known head (root ${head.root_hash.slice(0, 12)}…): the lines up to the head were rewritten`,
    };
  }
  const later = report.files.slice(index + 1).reduce((sum, next) => sum + next.lines, 0);
  return { linesAfter: file.lines - location.line + later };
}

/** The complete 1-based line `number` of the file at `path`, streamed; `undefined` past its end. */
async function readLine(path: string, number: number): Promise<string | undefined> {
  let index = 0;
  let found: string | undefined;
  await forEachLine(path, (bytes) => {
    index += 1;
    if (index < number) return true;
    found = bytes.toString("utf8");
    return false;
  });
  return found;
}

function checkHeadSignature(head: AuditHead, verifier: Verifier): LineProblem | undefined {
  const { sig, ...body } = head;
  const signature = Buffer.from(sig.slice("ed25519:".length), "base64");
  if (head.key_id === verifier.keyId && verifier.verify(canonicalBytes(body), signature)) return undefined;
  return {
    code: "known_head_signature_invalid",
    message: `the known head (key_id ${head.key_id}) does not carry a valid signature of the given key ${verifier.keyId}: it was edited, or it is the head of another log`,
  };
}

function isSameRecord(line: string, head: AuditHead): boolean {
  try {
    return canonicalize(JSON.parse(line)) === canonicalize(head);
  } catch {
    return false;
  }
}

function withProblem(report: AuditDirReport, location: HeadLocation, problem: LineProblem): AuditHeadReport {
  return {
    ...report,
    status: "invalid",
    problem: { ...problem, line: location.line, path: location.path },
    head: location,
    linesAfterHead: undefined,
  };
}
