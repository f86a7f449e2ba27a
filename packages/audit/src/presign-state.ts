import { randomBytes } from "node:crypto";
import { readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";

/** The 0.2.3 upload-state file name inside the audit directory. */
export const PRESIGN_STATE_FILE = ".sec0-presign-state.json";

/** Upload progress: bytes of each day file already accepted by the control plane. */
export interface PresignState {
  auditOffsetsByDate: Record<string, number>;
  /** Other 0.2.3 keys (`agentOffsetsByKey`, `rawOffsetsByDate`) are kept as they are. */
  [key: string]: unknown;
}

/** Reads the state file; an absent or unreadable file means nothing was uploaded yet. */
export async function readPresignState(dir: string): Promise<PresignState> {
  try {
    const value = JSON.parse(await readFile(join(dir, PRESIGN_STATE_FILE), "utf8")) as Partial<PresignState>;
    const offsets =
      typeof value.auditOffsetsByDate === "object" && value.auditOffsetsByDate !== null
        ? value.auditOffsetsByDate
        : {};
    return { ...value, auditOffsetsByDate: { ...offsets } };
  } catch {
    return { auditOffsetsByDate: {} };
  }
}

/** Writes the state file atomically (temporary file, then rename), so a crash leaves old or new. */
export async function writePresignState(dir: string, state: PresignState): Promise<void> {
  const target = join(dir, PRESIGN_STATE_FILE);
  const temporary = `${target}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  await writeFile(temporary, `${JSON.stringify(state, null, 2)}\n`);
  await rename(temporary, target);
}
