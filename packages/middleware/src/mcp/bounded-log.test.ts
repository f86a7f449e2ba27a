import type { Logger } from "@sec0/core";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createBoundedLogger } from "./bounded-log.js";

function recordingLogger(): Logger & {
  lines: { level: string; obj: Record<string, unknown>; msg: string }[];
} {
  const lines: { level: string; obj: Record<string, unknown>; msg: string }[] = [];
  const at = (level: string) => (obj: object, msg: string) => {
    lines.push({ level, obj: obj as Record<string, unknown>, msg });
  };
  return { lines, debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("createBoundedLogger", () => {
  it("truncates every logged string, and any other value by its JSON, to maxChars", () => {
    const inner = recordingLogger();
    const logger = createBoundedLogger(inner, { maxChars: 100 });
    logger.warn({ error: "e".repeat(5_000), nested: { deep: "d".repeat(5_000) }, n: 3 }, "m".repeat(300));

    const [line] = inner.lines;
    expect(String(line?.obj.error)).toHaveLength(100);
    expect(String(line?.obj.error)).toMatch(/…\(\+4\d{3} chars\)$/);
    expect(typeof line?.obj.nested).toBe("string");
    expect(String(line?.obj.nested).length).toBe(100);
    expect(line?.obj.n).toBe(3);
    expect(line?.msg.length).toBe(100);
  });

  it("lets `burst` messages of one kind through per interval, then says once how many it suppressed", () => {
    const inner = recordingLogger();
    const logger = createBoundedLogger(inner, { burst: 3, intervalMs: 1_000 });
    for (let i = 0; i < 20; i += 1) logger.warn({ i }, "relay error");
    logger.warn({}, "another kind");
    logger.error({}, "relay error");

    expect(inner.lines.map((line) => line.msg)).toEqual([
      "relay error",
      "relay error",
      "relay error",
      "another kind",
      "relay error",
    ]);
    vi.advanceTimersByTime(1_000);
    expect(inner.lines.at(-1)).toEqual({
      level: "warn",
      obj: { suppressed: 17, kind: "relay error" },
      msg: "suppressed similar log messages",
    });
    expect(inner.lines).toHaveLength(6);

    logger.warn({ i: 99 }, "relay error");
    expect(inner.lines.at(-1)?.obj).toEqual({ i: 99 });
  });

  it("flush reports what is still suppressed and stops the timers", () => {
    const inner = recordingLogger();
    const logger = createBoundedLogger(inner, { burst: 1, intervalMs: 60_000 });
    logger.info({}, "session ended");
    logger.info({}, "session ended");
    logger.flush();
    expect(inner.lines.at(-1)?.obj).toEqual({ suppressed: 1, kind: "session ended" });
    vi.advanceTimersByTime(60_000);
    expect(inner.lines).toHaveLength(2);
  });
});
