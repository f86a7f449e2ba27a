// The machine's Chromium, driven by playwright-core (which never downloads a browser of its own).
import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";

const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

/** The Chromium binary: `SEC0_TEST_CHROMIUM`, else the first of Debian's usual paths that exists. */
export const CHROMIUM_BIN = process.env.SEC0_TEST_CHROMIUM ?? CANDIDATES.find((path) => existsSync(path));

/** Why the browser tests cannot run (printed with console.warn), or undefined. */
export function chromiumMissing(label: string): string | undefined {
  if (CHROMIUM_BIN !== undefined && existsSync(CHROMIUM_BIN)) return undefined;
  const reason = `${label}: skipped, no Chromium (install Debian's chromium package, or set SEC0_TEST_CHROMIUM)`;
  console.warn(reason);
  return reason;
}

/** Headless Chromium without the sandbox (CI runs as root). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_BIN as string,
    headless: true,
    args: ["--no-sandbox", "--disable-dev-shm-usage"],
  });
}
