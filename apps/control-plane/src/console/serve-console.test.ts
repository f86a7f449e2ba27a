import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Fastify from "fastify";
import { afterAll, describe, expect, it } from "vitest";
import { installProblemHandler } from "../http/problem-handler.js";
import { CONSOLE_SECURITY_HEADERS, serveConsole } from "./serve-console.js";

const dir = mkdtempSync(join(tmpdir(), "sec0-console-"));
mkdirSync(join(dir, "assets"));
writeFileSync(join(dir, "index.html"), "<!doctype html><title>sec0 console</title>");
writeFileSync(join(dir, "assets", "index-abc.js"), "console.log(1)");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function appServing(consoleDir: string | undefined) {
  const app = Fastify();
  installProblemHandler(app);
  serveConsole(app, consoleDir);
  await app.ready();
  return app;
}

describe("serveConsole", () => {
  it("serves index.html at /console/ with the strict headers, never cached", async () => {
    const app = await appServing(dir);
    const page = await app.inject({ url: "/console/" });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("sec0 console");
    for (const [name, value] of Object.entries(CONSOLE_SECURITY_HEADERS))
      expect(page.headers[name]).toBe(value);
    expect(page.headers["content-security-policy"]).not.toContain("unsafe-inline");
    expect(page.headers["cache-control"]).toBe("no-cache");
    await app.close();
  });

  it("caches hashed assets for a year and redirects /console to /console/", async () => {
    const app = await appServing(dir);
    const asset = await app.inject({ url: "/console/assets/index-abc.js" });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers["cache-control"]).toContain("immutable");
    const bare = await app.inject({ url: "/console" });
    expect(bare.statusCode).toBe(308);
    expect(bare.headers.location).toBe("/console/");
    await app.close();
  });

  it("never serves a file outside the build", async () => {
    const app = await appServing(dir);
    for (const url of [
      "/console/../package.json",
      "/console/%2e%2e/%2e%2e/etc/passwd",
      "/console/assets/../../x",
    ]) {
      const reply = await app.inject({ url });
      expect(reply.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(reply.body).not.toContain("root:");
    }
    await app.close();
  });

  it("says how to build the console when there is no build", async () => {
    const app = await appServing(join(dir, "missing"));
    const reply = await app.inject({ url: "/console/" });
    expect(reply.statusCode).toBe(501);
    expect(reply.json()).toMatchObject({ code: "CP_NOT_CONFIGURED" });
    expect(reply.json().detail).toContain("@sec0/console-app");
    await app.close();
  });
});
