import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { checkFileAgainstWitness, type WitnessHeadInput, type WitnessMismatch } from "@sec0/audit";
import { Sec0Error } from "@sec0/core";
import { ValidateKeyResponseSchema } from "@sec0/core/contracts";
import { createControlPlaneClient } from "@sec0/core/control-plane";

/** What the witness said about one day file. */
export interface WitnessFileReport {
  readonly path: string;
  /** The control plane's log the file was compared with. */
  readonly log: string;
  readonly headsChecked: number;
  readonly mismatches: readonly WitnessMismatch[];
}

/** What `--witness` found over every day file checked. */
export interface WitnessReport {
  readonly url: string;
  readonly status: "consistent" | "inconsistent";
  readonly files: readonly WitnessFileReport[];
}

const DAY_FILE = /^audit-(\d{4}-\d{2}-\d{2})\.ndjson$/;

/**
 * Compares local day files with the checkpoints the control plane at `url` witnessed for them: a
 * witnessed head whose lines are no longer all in the file (a cut tail) or no longer hash to its
 * root (a rewritten history) is a mismatch, which the file alone cannot show. The key's tenant,
 * env and client (from `POST /api/auth/validate-key`) name the logs, as the uploader names them.
 * Requests go through core's control-plane client (its errors never carry the key).
 *
 * @throws {Sec0Error} `AUDIT_WITNESS_FAILED` when the control plane cannot be asked.
 */
export async function checkAgainstWitness(
  url: string,
  apiKey: string,
  paths: readonly string[],
  fetchImpl: typeof fetch = fetch,
): Promise<WitnessReport> {
  const client = createControlPlaneClient({ baseUrl: url, apiKey, timeoutMs: 10_000, fetch: fetchImpl });
  const { tenant, env, clientName, clientVersion } = await asked(() =>
    client.postJson("/api/auth/validate-key", {}, ValidateKeyResponseSchema),
  );
  const files: WitnessFileReport[] = [];
  for (const path of paths) {
    const date = DAY_FILE.exec(basename(path))?.[1];
    if (date === undefined) continue;
    const log = `tenants/${tenant}/${env}/clients/${clientName}/${clientVersion}/ingest/${date}/audit-${date}.ndjson`;
    const answer = await asked(() => client.getText("/api/audit/checkpoints", { query: { log } }));
    const heads = headsOf(answer.text);
    const report = checkFileAgainstWitness(await readFile(path, "utf8"), heads);
    files.push({ path, log, headsChecked: report.headsChecked, mismatches: report.mismatches });
  }
  const consistent = files.every((file) => file.mismatches.length === 0);
  return { url: client.baseUrl, status: consistent ? "consistent" : "inconsistent", files };
}

/** The heads of a `GET /api/audit/checkpoints` answer. */
function headsOf(text: string): WitnessHeadInput[] {
  let answer: unknown;
  try {
    answer = JSON.parse(text);
  } catch {
    throw failed("the witness answered /api/audit/checkpoints with something that is not JSON");
  }
  const heads = (answer as { heads?: unknown } | null)?.heads;
  return Array.isArray(heads) ? (heads as WitnessHeadInput[]) : [];
}

/** Runs a control-plane call, turning its failure into `AUDIT_WITNESS_FAILED` with its message. */
async function asked<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw failed((error as Error).message.replace(/\.$/, ""));
  }
}

function failed(message: string): Sec0Error {
  return new Sec0Error("AUDIT_WITNESS_FAILED", `sec0 audit verify --witness: ${message}.`);
}
