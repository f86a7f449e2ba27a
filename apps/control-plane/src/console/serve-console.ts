import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";
import { httpError } from "../errors.js";

/** Where the console is served. */
export const CONSOLE_PATH = "/console/";

/**
 * What every console response carries: nothing but this origin's own scripts, styles and API
 * (no inline script, no CDN, no framing), no referrer, no MIME sniffing. The page holds an API
 * key in sessionStorage; this policy is what keeps injected markup from reading it.
 */
export const CONSOLE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "content-security-policy":
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "cross-origin-opener-policy": "same-origin",
};

/**
 * Serves the console's build from `dir` at `/console/` (index.html at `/console/`, hashed assets
 * under `/console/assets/` cached for a year, index.html never cached), with
 * {@link CONSOLE_SECURITY_HEADERS}. `/console` redirects to `/console/`. Without a build (`dir`
 * undefined or without index.html), `/console/` answers 501 `CP_NOT_CONFIGURED` saying how to
 * build it, so a missing console never looks like a broken one.
 */
export function serveConsole(app: FastifyInstance, dir: string | undefined): void {
  app.get("/console", async (_request, reply) => reply.redirect(CONSOLE_PATH, 308));
  const root = dir === undefined ? undefined : resolve(dir);
  if (root === undefined || !existsSync(join(root, "index.html"))) {
    app.get(`${CONSOLE_PATH}*`, async () => {
      throw httpError(
        "CP_NOT_CONFIGURED",
        "The console is not built: run `pnpm --filter @sec0/console-app build`, or set console_dir.",
      );
    });
    return;
  }
  app.register(fastifyStatic, {
    root,
    prefix: CONSOLE_PATH,
    index: ["index.html"],
    decorateReply: false,
    setHeaders(reply, path) {
      reply.headers(CONSOLE_SECURITY_HEADERS);
      reply.header(
        "cache-control",
        path.includes("/assets/") ? "public, max-age=31536000, immutable" : "no-cache",
      );
    },
  });
}
