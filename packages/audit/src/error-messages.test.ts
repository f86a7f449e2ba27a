// Error messages name what the caller called (Sec0Appender, verifyAuditDir …), never an internal helper.
import { isSec0Error } from "@sec0/core";
import { createSeededKeyPair } from "@sec0/testkit";
import { describe, expect, it } from "vitest";
import { tempDir } from "./__fixtures__/helpers.js";
import { Sec0Appender } from "./appender.js";
import type { AuditConfig } from "./config.js";
import { verifyAuditDir } from "./verify-dir.js";

const keys = createSeededKeyPair("audit-messages");

async function messageOf(fn: () => unknown): Promise<string> {
  try {
    await fn();
  } catch (error) {
    if (isSec0Error(error)) return `${error.code}: ${error.message}`;
    throw error;
  }
  throw new Error("expected a Sec0Error");
}

describe("audit error messages", () => {
  it("name the Sec0Appender option that is wrong", async () => {
    const cases: Array<[Partial<AuditConfig>, string]> = [
      [{ dir: "" }, "new Sec0Appender: config.dir must be a directory path"],
      [{ durability: "fast" as never }, "new Sec0Appender: config.durability must be one of"],
      [{ retentionDays: 0 }, "new Sec0Appender: config.retentionDays must be a number of days"],
      [{ checkpointEvery: -1 }, "new Sec0Appender: config.checkpointEvery must be a whole number"],
    ];
    for (const [config, expected] of cases) {
      const message = await messageOf(
        () => new Sec0Appender({ config: { dir: ".sec0", ...config } as AuditConfig, signer: keys.signer }),
      );
      expect(message).toContain(`AUDIT_CONFIG_INVALID: ${expected}`);
    }
  });

  it("name the verifier's publicKey option, not a helper", async () => {
    const dir = await tempDir();
    const message = await messageOf(() => verifyAuditDir(dir, { publicKey: new Uint8Array(31) }));
    expect(message).toMatch(/^AUDIT_KEY_INVALID: The publicKey given to verify the audit log is 31 bytes/);
    expect(message).toContain("sec0 key show");
  });
});
