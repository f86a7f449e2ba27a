// `sec0 audit tail` prints what an audit record says, and a record can carry text a hostile tool
// or client chose: terminal escape sequences and control characters must print inert.
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Sec0Appender } from "@sec0/audit";
import { describe, expect, it } from "vitest";
import { createTestKey } from "../__fixtures__/audit-log.js";
import { captureIo } from "../__fixtures__/capture-io.js";
import { runCli } from "../program.js";

describe("sec0 audit tail and hostile record fields", () => {
  it("strips ANSI CSI / OSC sequences and other control characters from what it prints", async () => {
    const cwd = await mkdtemp(join(tmpdir(), "sec0-cli-tail-escapes-"));
    const appender = new Sec0Appender({
      config: { dir: join(cwd, ".sec0") },
      signer: createTestKey().signer,
    });
    await appender.append({
      ts: "2026-01-01T10:00:00.000Z",
      nodeId: "\u001b[2Jplanner\u001b[31m",
      tool: "\u001b]0;pwned\u0007mcp://files/read_file@1.0\u001b]8;;https://evil.example\u001b\\",
      policy: { decision: "allow\u009b2J\u0000" },
      reasons: ["bell\u0007", "back\u0008space\u007f", "c1\u0085end", "bidi\u202eflip"],
    });
    await appender.close();

    const io = captureIo(cwd);
    expect(await runCli(["audit", "tail", ".sec0"], io)).toBe(0);

    // Nothing a terminal acts on: no C0 but newline, no DEL, no C1, no bidi override.
    const acted = [...io.out].filter((char) => {
      const code = char.codePointAt(0) ?? 0;
      const isC0 = code < 0x20 && code !== 0x0a;
      const isBidi = (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069);
      return isC0 || (code >= 0x7f && code <= 0x9f) || isBidi;
    });
    expect(acted).toEqual([]);
    expect(io.out).not.toContain("pwned");
    const row = io.out.split("\n")[1] ?? "";
    expect(row).toMatch(
      /^2026-01-01T10:00:00.000Z\s+planner\s+mcp:\/\/files\/read_file@1.0\s+allow\s+bell, backspace, c1end, bidiflip$/,
    );
  });
});
