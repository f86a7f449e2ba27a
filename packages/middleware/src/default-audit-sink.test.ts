import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSeededKeyPair } from "@sec0/testkit";
import { describe, expect, it } from "vitest";
import { createDefaultAuditSink } from "./default-audit-sink.js";
import type { MiddlewareOptions } from "./options.js";

const keys = createSeededKeyPair("middleware-default-sink");

async function firstLine(
  options: Omit<MiddlewareOptions, "signer" | "sec0">,
  signing?: "per_record" | "checkpoint",
) {
  const dir = await mkdtemp(join(tmpdir(), "sec0-mw-sink-"));
  const sink = createDefaultAuditSink({
    ...options,
    signer: keys.signer,
    sec0: { dir, ...(signing === undefined ? {} : { signing }) },
  }) as { append(e: Record<string, unknown>): Promise<void>; close(): Promise<void> };
  await sink.append({ ts: "2026-01-01T00:00:00.000Z", tool: "read@1.0" });
  await sink.close();
  const text = await readFile(join(dir, "audit-2026-01-01.ndjson"), "utf8");
  return JSON.parse(text.split("\n")[0] as string) as Record<string, unknown>;
}

describe("createDefaultAuditSink signing mode", () => {
  it("signs each record by default", async () => {
    expect((await firstLine({ policy: { tenant: "t" } })).sig).toMatch(/^ed25519:/);
  });

  it("takes sec0.signing, over an inline policy's signing.mode", async () => {
    expect((await firstLine({ policy: { tenant: "t" } }, "checkpoint")).sig).toBeUndefined();
    const policy = { tenant: "t", signing: { mode: "checkpoint" as const } };
    expect((await firstLine({ policy }, "per_record")).sig).toMatch(/^ed25519:/);
  });

  it("uses an inline policy object's signing.mode when sec0.signing is unset", async () => {
    const record = await firstLine({ policy: { tenant: "t", signing: { mode: "checkpoint" } } });
    expect(record.sig).toBeUndefined();
    expect(record).toMatchObject({ seq: 1, key_id: keys.keyId });
  });

  it("ignores the mode of a YAML policy string (read after the sink exists)", async () => {
    expect((await firstLine({ policy: "tenant: t\nsigning:\n  mode: checkpoint\n" })).sig).toMatch(
      /^ed25519:/,
    );
  });
});
