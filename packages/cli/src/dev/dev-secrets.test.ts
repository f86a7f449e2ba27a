import { mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseInitOutput } from "./dev-control-plane.js";
import { loadDevSecrets, saveDevSecrets } from "./dev-secrets.js";

describe("the dev workspace's secrets", () => {
  it("makes fresh secrets, saves them readable by the owner only, and reads them back", () => {
    const dir = mkdtempSync(join(tmpdir(), "sec0-dev-secrets-"));
    const fresh = loadDevSecrets(dir);
    expect(fresh.webhookSecret.length).toBeGreaterThanOrEqual(32);
    expect(fresh.gatewayClientKey).toMatch(/^sk-dev-/);
    saveDevSecrets(dir, { ...fresh, adminKey: "sec0_abc_def" });
    expect(statSync(join(dir, "dev-secrets.json")).mode & 0o777).toBe(0o600);
    expect(loadDevSecrets(dir)).toMatchObject({
      adminKey: "sec0_abc_def",
      webhookSecret: fresh.webhookSecret,
    });
  });

  it("refuses a damaged file with CLI_DEV_STATE_INVALID instead of starting with new keys", () => {
    const dir = mkdtempSync(join(tmpdir(), "sec0-dev-secrets-"));
    writeFileSync(join(dir, "dev-secrets.json"), "{ half");
    expect(() => loadDevSecrets(dir)).toThrow(expect.objectContaining({ code: "CLI_DEV_STATE_INVALID" }));
    writeFileSync(join(dir, "dev-secrets.json"), "{}");
    expect(() => loadDevSecrets(dir)).toThrow(expect.objectContaining({ code: "CLI_DEV_STATE_INVALID" }));
  });

  it("reads the admin key from sec0-control-plane init's output", () => {
    expect(parseInitOutput("tenant: dev\nadmin key (shown once, store it now): sec0_AbC_xyz\n")).toBe(
      "sec0_AbC_xyz",
    );
    expect(() => parseInitOutput("tenant: dev\n")).toThrow(
      expect.objectContaining({ code: "CLI_DEV_SETUP_FAILED" }),
    );
  });
});
