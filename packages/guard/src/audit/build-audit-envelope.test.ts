import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { MIDDLEWARE_VERSION } from "./build-audit-envelope.js";

describe("MIDDLEWARE_VERSION", () => {
  it("is the installed package's version, so audit records name the release that wrote them", () => {
    const manifest = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
      version: string;
    };
    expect(MIDDLEWARE_VERSION).toBe(manifest.version);
  });
});
