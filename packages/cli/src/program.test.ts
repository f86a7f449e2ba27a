import { describe, expect, it } from "vitest";
import { captureIo } from "./__fixtures__/capture-io.js";
import { cliVersion, runCli } from "./program.js";

describe("sec0 CLI", () => {
  it("prints its version", async () => {
    const io = captureIo();
    expect(await runCli(["--version"], io)).toBe(0);
    expect(io.out.trim()).toBe(cliVersion);
    expect(cliVersion).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("prints help naming the program", async () => {
    const io = captureIo();
    expect(await runCli(["--help"], io)).toBe(0);
    expect(io.out).toContain("Usage: sec0");
  });

  it("exits non-zero on an unknown command, without a stack trace", async () => {
    const io = captureIo();
    expect(await runCli(["no-such-command"], io)).not.toBe(0);
    expect(io.err).toMatch(/unknown command/);
    expect(io.err).not.toMatch(/\bat .*\.js:\d+/);
  });
});
