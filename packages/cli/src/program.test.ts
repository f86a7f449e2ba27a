import { describe, expect, it } from "vitest";
import type { CliIo } from "./cli-context.js";
import { cliVersion, runCli } from "./program.js";

function captureIo(): CliIo & { out: string; err: string } {
  const io = {
    out: "",
    err: "",
    cwd: process.cwd(),
    env: {},
    stdout: (text: string) => {
      io.out += text;
    },
    stderr: (text: string) => {
      io.err += text;
    },
  };
  return io;
}

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
