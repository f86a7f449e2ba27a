// startBridgeService with the local page on: one log line names the page's URL, never the token,
// and the page answers there.
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseBridgeConfig } from "../config/load-bridge-config.js";
import { createBridgeLogger } from "../logger.js";
import { startBridgeService } from "../start-service.js";

const TOKEN = "local-start-token-0123456789";
const dir = mkdtempSync(join(tmpdir(), "sec0-bridge-local-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("startBridgeService with the local page", () => {
  it("logs `approvals page on <url>/local/` without the token, and serves the page there", async () => {
    mkdirSync(join(dir, ".sec0", "keys"), { recursive: true });
    writeFileSync(join(dir, ".sec0", "keys", "ed25519.key"), `${randomBytes(32).toString("base64")}\n`, {
      mode: 0o600,
    });
    const lines: string[] = [];
    const logger = createBridgeLogger("info", { write: (line: string) => lines.push(line) });
    const config = parseBridgeConfig({
      port: 0,
      control_plane: { url: "http://127.0.0.1:1" },
      webhook: { bearer_token_ref: "env://B" },
      local: { token_ref: "env://L" },
      tenants: { acme: { control_plane_key_ref: "env://K" } },
    });
    const service = await startBridgeService(config, {
      env: { B: "bearer-0123456789", L: TOKEN, K: "sec0_key" },
      cwd: dir,
      logger,
    });
    try {
      const messages = lines.map((line) => JSON.parse(line) as { msg: string; url?: string });
      const page = `${service.url}/local/`;
      expect(messages.filter((m) => m.msg.startsWith("approvals page on"))).toEqual([
        expect.objectContaining({ msg: `approvals page on ${page}`, url: page }),
      ]);
      expect(lines.join("\n")).not.toContain(TOKEN);
      const reply = await fetch(`${page}?token=${TOKEN}`, { redirect: "manual" });
      expect(reply.status).toBe(303);
    } finally {
      await service.stop();
    }
  });
});
