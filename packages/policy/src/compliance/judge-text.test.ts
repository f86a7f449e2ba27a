import { describe, expect, it } from "vitest";
import { chunkText, judgeText } from "./judge-text.js";

const request = { instruction: "no wire", threshold: 70, ruleId: "r", timeoutMs: 200 };

describe("chunkText", () => {
  it("covers the whole text in overlapping chunks of 8000", () => {
    const text = Array.from({ length: 30_000 }, (_, i) => String.fromCharCode(97 + (i % 26))).join("");
    const chunks = chunkText(text);
    expect(chunks).toHaveLength(4);
    expect(chunks.every((chunk) => chunk.length <= 8000)).toBe(true);
    expect(chunks.at(-1)?.endsWith(text.slice(-100))).toBe(true);
    expect(chunks[1]?.startsWith(text.slice(7500, 7600))).toBe(true);
  });

  it("refuses a text that needs more than 16 chunks", () => {
    expect(() => chunkText("x".repeat(200_000))).toThrow(/too large to judge/);
  });
});

describe("judgeText", () => {
  it("keeps the highest score over the chunks", async () => {
    const judge = {
      evaluate: async ({ text }: { text: string }) => ({ score: text.includes("WIRE") ? 90 : 1 }),
    };
    const verdict = await judgeText(judge, `${"a".repeat(20_000)}WIRE`, request);
    expect(verdict.score).toBe(90);
  });

  it.each([
    ["a hang", () => new Promise<never>(() => undefined), /within 200 ms/],
    ["a score out of range", async () => ({ score: 140 }), /between 0 and 100/],
    ["no score", async () => ({}) as never, /between 0 and 100/],
  ])("rejects on %s", async (_name, evaluate, message) => {
    await expect(judgeText({ evaluate }, "text", request)).rejects.toThrow(message);
  });
});
