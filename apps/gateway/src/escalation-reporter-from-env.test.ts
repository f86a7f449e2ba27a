import { silentLogger } from "@sec0/core";
import { replyJson, startTestServer } from "@sec0/testkit";
import { describe, expect, it } from "vitest";
import { escalationReporterFromEnv } from "./escalation-reporter-from-env.js";

describe("escalation reporter from the environment (0.2.3's gateway variables)", () => {
  it("is absent without a control-plane URL and a credential", () => {
    expect(escalationReporterFromEnv({}, silentLogger)).toBeUndefined();
    expect(
      escalationReporterFromEnv({ SEC0_CONTROL_PLANE_URL: "http://127.0.0.1:1" }, silentLogger),
    ).toBeUndefined();
  });

  it("creates escalations at SEC0_CONTROL_PLANE_URL with SEC0_API_KEY", async () => {
    const server = await startTestServer();
    server.handle((_request, response) =>
      replyJson(response, 201, { escalation: { id: "esc_1", status: "pending" } }),
    );
    try {
      const reporter = escalationReporterFromEnv(
        { SEC0_CONTROL_PLANE_URL: server.baseUrl, SEC0_API_KEY: "sec0_test_key" },
        silentLogger,
      );
      const created = await reporter?.create({
        tenant: "acme",
        content: "Policy denied mcp://files/delete@1",
        severity: "high",
      } as never);
      expect(created).toMatchObject({ id: "esc_1", status: "pending" });
      expect(server.requests[0]?.url).toBe("/api/escalations");
      expect(server.requests[0]?.headers.authorization).toBe("Bearer sec0_test_key");
    } finally {
      await server.close();
    }
  });
});
