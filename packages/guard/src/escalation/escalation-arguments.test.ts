import { describe, expect, it } from "vitest";
import { ESCALATION_ARGUMENTS_MAX_CHARS, escalationArguments } from "./escalation-arguments.js";

describe("escalationArguments", () => {
  it("replaces PII and secret spans in strings, keeping structure, numbers and keys", () => {
    const shown = escalationArguments({
      to: "jane.doe@corp.example",
      body: "use ghp_R2d9Xk4LmQ8vT1bN6cW3yZ7pA5sE0fH4jK2u to push",
      count: 3,
      nested: [{ path: "/tmp/report.txt" }],
    });
    expect(shown.arguments).toEqual({
      to: "[REDACTED:pii.email]",
      body: expect.not.stringContaining("ghp_R2d9Xk4LmQ8vT1bN6cW3yZ7pA5sE0fH4jK2u"),
      count: 3,
      nested: [{ path: "/tmp/report.txt" }],
    });
    expect(shown.arguments_truncated).toBeUndefined();
  });

  it("hides every value under a secret-like key, in snake, kebab and camel case", () => {
    const shown = escalationArguments({
      api_key: "plain-looking",
      dbPassword: "hunter2",
      "x-auth-token": "abc",
      Authorization: "Bearer t",
      tokens_used: 12,
      author: "Ann",
    });
    expect(shown.arguments).toEqual({
      api_key: "[REDACTED:secret.key_name]",
      dbPassword: "[REDACTED:secret.key_name]",
      "x-auth-token": "[REDACTED:secret.key_name]",
      Authorization: "[REDACTED:secret.key_name]",
      tokens_used: 12,
      author: "Ann",
    });
  });

  it("cuts long arguments to a JSON prefix and says so", () => {
    const shown = escalationArguments({ text: "a".repeat(ESCALATION_ARGUMENTS_MAX_CHARS * 2) });
    expect(shown.arguments_truncated).toBe(true);
    expect(typeof shown.arguments).toBe("string");
    expect((shown.arguments as string).length).toBe(ESCALATION_ARGUMENTS_MAX_CHARS);
  });

  it("never throws on hostile arguments", () => {
    const cyclic: Record<string, unknown> = { password: "p" };
    cyclic.self = cyclic;
    expect(() => escalationArguments(cyclic)).not.toThrow();
    const bigint = escalationArguments({ n: 1n });
    expect(bigint.arguments).toBe("[unreadable]");
  });
});
