import { type AuditFileReport, verifyAuditText } from "@sec0/audit";
import { httpError } from "../errors.js";
import { auditInvalid } from "./audit-invalid.js";
import { type AuditKey, unknownAuditKey } from "./audit-key-repository.js";

/** A verified upload: the lines it adds and the verifier's report over the whole log. */
export interface VerifiedUpload {
  readonly lines: readonly string[];
  readonly report: AuditFileReport;
  readonly key: AuditKey;
}

/** The `key_id` each line names (lines that do not parse name none; the verifier reports them). */
function keyIdsOf(lines: readonly string[]): Set<string> {
  const ids = new Set<string>();
  for (const line of lines) {
    try {
      const value = JSON.parse(line) as { key_id?: unknown };
      if (typeof value?.key_id === "string") ids.add(value.key_id);
    } catch {
      // reported by the verifier
    }
  }
  return ids;
}

/**
 * Verifies `delta` as the continuation of `stored` (the log's bytes so far): complete lines
 * only, every signature against the tenant's registered key its lines name, the hash chain and
 * `seq` across the boundary, and every checkpoint's tree head over the whole day log. Unsigned
 * checkpoint-mode lines after the last checkpoint are accepted (the next checkpoint covers them).
 *
 * @throws `CP_AUDIT_INVALID` (400, `details.problem`), `CP_AUDIT_KEY_UNKNOWN` (400).
 */
export function verifyUpload(
  stored: string,
  storedLines: number,
  delta: string,
  keys: readonly AuditKey[],
  storedKeyId: string | undefined,
): VerifiedUpload {
  if (delta === "") throw httpError("CP_AUDIT_INVALID", "The upload is empty.");
  const parts = delta.split("\n");
  const torn = parts.pop() as string;
  if (torn !== "") {
    throw auditInvalid(
      {
        line: parts.length + 1,
        code: "truncated",
        message: "the range ends inside a line: send complete lines",
      },
      0,
    );
  }
  const named = keyIdsOf(parts);
  for (const id of named) if (!keys.some((key) => key.keyId === id)) unknownAuditKey(id);
  const ids = new Set(storedKeyId === undefined ? named : [storedKeyId, ...named]);
  if (ids.size > 1) {
    throw httpError("CP_AUDIT_INVALID", "A day log must be signed by one key; this range names another.", {
      problem: { line: 1, code: "key_mismatch", message: `key ids: ${[...ids].join(", ")}` },
    });
  }
  const [only] = ids;
  const key =
    only === undefined ? (keys.length === 1 ? keys[0] : undefined) : keys.find((k) => k.keyId === only);
  if (key === undefined) return unknownAuditKey(only);
  const report = verifyAuditText("upload", stored + delta, { publicKey: key.publicKey });
  const problem = report.problem;
  if (problem !== undefined && problem.code !== "unsigned_tail") throw auditInvalid(problem, storedLines);
  if (problem === undefined && report.lines !== storedLines + parts.length) {
    throw httpError("CP_INTERNAL", "The verifier read another number of lines than were uploaded.");
  }
  return { lines: parts, report, key };
}
