import { createHash, generateKeyPairSync, sign } from "node:crypto";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Sec0Appender } from "@sec0/audit";
import type { Signer } from "@sec0/core";

/** A fresh Ed25519 key: its signer, raw public key (and base64 of it) and seed. */
export interface TestKey {
  readonly signer: Signer;
  readonly publicKey: Uint8Array;
  readonly publicKeyBase64: string;
  readonly seed: Buffer;
}

export function createTestKey(): TestKey {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  const raw = new Uint8Array(publicKey.export({ format: "der", type: "spki" }).subarray(12));
  const seed = privateKey.export({ format: "der", type: "pkcs8" }).subarray(16);
  const keyId = `ed25519:${createHash("sha256").update(raw).digest("hex")}`;
  return {
    signer: { keyId, publicKey: raw, sign: (data) => new Uint8Array(sign(null, data, privateKey)) },
    publicKey: raw,
    publicKeyBase64: Buffer.from(raw).toString("base64"),
    seed,
  };
}

/** Appends `count` records (then the closing checkpoint) to `<cwd>/.sec0`, on `date`. */
export async function appendRecords(
  cwd: string,
  key: TestKey,
  count: number,
  options: { readonly from?: number; readonly date?: string } = {},
): Promise<void> {
  const appender = new Sec0Appender({ config: { dir: join(cwd, ".sec0") }, signer: key.signer });
  const from = options.from ?? 0;
  for (let i = from; i < from + count; i += 1) {
    await appender.append({
      ts: `${options.date ?? "2026-01-01"}T10:00:${String(i % 60).padStart(2, "0")}.000Z`,
      nodeId: "planner",
      tool: "mcp://files/read_file@1.0",
      policy: { decision: "allow" },
      n: i,
    });
  }
  await appender.close();
}

/** A temporary working directory with a `.sec0` log of `count` records and a key. */
export async function createAuditLog(count = 3): Promise<{ cwd: string; key: TestKey }> {
  const cwd = await mkdtemp(join(tmpdir(), "sec0-cli-log-"));
  const key = createTestKey();
  await appendRecords(cwd, key, count);
  return { cwd, key };
}

/** Keeps only the first `count` lines of a file: what someone deleting the last lines leaves. */
export async function keepFirstLines(path: string, count: number): Promise<void> {
  const lines = (await readFile(path, "utf8")).split("\n").filter((line) => line !== "");
  await writeFile(path, lines.slice(0, count).map((line) => `${line}\n`).join(""));
}
