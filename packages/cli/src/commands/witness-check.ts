import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { checkFileAgainstWitness, type WitnessMismatch } from "@sec0/audit";
import { Sec0Error } from "@sec0/core";
import { ValidateKeyResponseSchema } from "@sec0/core/contracts";

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
 *
 * @throws {Sec0Error} `AUDIT_WITNESS_FAILED` when the control plane cannot be asked (the API key
 * is never part of the message).
 */
export async function checkAgainstWitness(
  url: string,
  apiKey: string,
  paths: readonly string[],
  fetchImpl: typeof fetch = fetch,
): Promise<WitnessReport> {
  const base = url.replace(/\/+$/, "");
  const identity = ValidateKeyResponseSchema.safeParse(
    await askWitness(fetchImpl, `${base}/api/auth/validate-key`, {
      method: "POST",
      headers: { "x-api-key": apiKey, "content-type": "application/json" },
      body: "{}",
    }),
  );
  if (!identity.success) throw failed(`${base} answered /api/auth/validate-key with an unexpected body`);
  const { tenant, env, clientName, clientVersion } = identity.data;
  const files: WitnessFileReport[] = [];
  for (const path of paths) {
    const date = DAY_FILE.exec(basename(path))?.[1];
    if (date === undefined) continue;
    const log = `tenants/${tenant}/${env}/clients/${clientName}/${clientVersion}/ingest/${date}/audit-${date}.ndjson`;
    const answer = (await askWitness(
      fetchImpl,
      `${base}/api/audit/checkpoints?log=${encodeURIComponent(log)}`,
      {
        headers: { authorization: `Bearer ${apiKey}` },
      },
    )) as { heads?: unknown };
    const heads = Array.isArray(answer.heads) ? (answer.heads as never[]) : [];
    const report = checkFileAgainstWitness(await readFile(path, "utf8"), heads);
    files.push({ path, log, headsChecked: report.headsChecked, mismatches: report.mismatches });
  }
  const consistent = files.every((file) => file.mismatches.length === 0);
  return { url: base, status: consistent ? "consistent" : "inconsistent", files };
}

async function askWitness(fetchImpl: typeof fetch, url: string, init: RequestInit): Promise<unknown> {
  let reply: Response;
  try {
    reply = await fetchImpl(url, { ...init, signal: AbortSignal.timeout(10_000) });
  } catch (error) {
    throw failed(`cannot reach the witness at ${new URL(url).origin}: ${(error as Error).message}`);
  }
  const text = await reply.text();
  if (!reply.ok) {
    let code = "";
    try {
      code = String((JSON.parse(text) as { code?: unknown }).code ?? "");
    } catch {
      // not a problem body
    }
    throw failed(
      `the witness answered ${reply.status}${code === "" ? "" : ` ${code}`} for ${new URL(url).pathname}`,
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw failed(`the witness answered ${new URL(url).pathname} with something that is not JSON`);
  }
}

function failed(message: string): Sec0Error {
  return new Sec0Error("AUDIT_WITNESS_FAILED", `sec0 audit verify --witness: ${message}.`);
}
