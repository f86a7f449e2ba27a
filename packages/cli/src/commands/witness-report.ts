import type { CliContext } from "../cli-context.js";
import type { WitnessReport } from "./witness-check.js";

/** Prints one line per day file the witness knew, then the witness's verdict. */
export function printWitnessReport(report: WitnessReport, context: CliContext): void {
  const { io } = context;
  for (const file of report.files) {
    if (file.mismatches.length === 0) {
      io.stdout(`ok   witness: ${file.path}: consistent with ${file.headsChecked} witnessed checkpoints\n`);
      continue;
    }
    for (const mismatch of file.mismatches)
      io.stdout(`FAIL witness: ${file.path}: ${mismatch.code}: ${mismatch.message}\n`);
  }
  io.stdout(
    report.status === "consistent"
      ? `witness ${report.url}: the files hold every checkpoint it witnessed\n`
      : `witness ${report.url}: the log was cut or rewritten after the control plane witnessed it (exit 1)\n`,
  );
}
