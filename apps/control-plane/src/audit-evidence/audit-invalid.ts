import type { AuditProblem } from "@sec0/audit";
import { type ControlPlaneHttpError, httpError } from "../errors.js";

/**
 * The 400 `CP_AUDIT_INVALID` for a problem the verifier found; `details.problem.line` is the
 * line's number within the uploaded range (`log_line`: within the whole day log).
 */
export function auditInvalid(problem: AuditProblem, linesBefore = 0): ControlPlaneHttpError {
  const line = problem.line - linesBefore;
  return httpError("CP_AUDIT_INVALID", `Line ${line} of the upload is invalid: ${problem.message}.`, {
    problem: { line, log_line: problem.line, code: problem.code, message: problem.message },
  });
}
