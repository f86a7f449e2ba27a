import { describe, expect, it } from "vitest";
import type { ApiClient, ApiRequest } from "../api/api-client.js";
import {
  escalationPath,
  fetchEscalation,
  fetchEscalations,
  fetchVotes,
  QUEUE_LIMIT,
  voteOnEscalation,
} from "./escalation-api.js";

function fakeApi(reply: unknown): { api: ApiClient; requests: ApiRequest[] } {
  const requests: ApiRequest[] = [];
  const api: ApiClient = {
    async json<T>(request: ApiRequest): Promise<T> {
      requests.push(request);
      return reply as T;
    },
    async raw(request: ApiRequest): Promise<Response> {
      requests.push(request);
      return new Response(JSON.stringify(reply));
    },
  };
  return { api, requests };
}

describe("escalation api", () => {
  it("encodes the id in the path", () => {
    expect(escalationPath("esc 1/2")).toBe("/api/escalations/esc%201%2F2");
  });

  it("lists by status, and leaves the status out for all", async () => {
    const { api, requests } = fakeApi({ escalations: [{ id: "esc_1", status: "pending" }] });
    expect(await fetchEscalations(api, "pending")).toEqual([{ id: "esc_1", status: "pending" }]);
    await fetchEscalations(api, "all");
    expect(requests[0]?.query).toEqual({ status: "pending", limit: QUEUE_LIMIT });
    expect(requests[1]?.query).toEqual({ status: undefined, limit: QUEUE_LIMIT });
  });

  it("reads one escalation, long-polled when asked", async () => {
    const { api, requests } = fakeApi({ escalation: { id: "esc_1", status: "approved" } });
    const signal = new AbortController().signal;
    expect((await fetchEscalation(api, "esc_1", { wait: "25s", signal })).status).toBe("approved");
    expect(requests[0]).toMatchObject({ path: "/api/escalations/esc_1", query: { wait: "25s" }, signal });
  });

  it("reads the votes", async () => {
    const vote = {
      approver_id: "u1",
      action: "approve",
      roles: [],
      notes: null,
      actor_id: null,
      created_at: "2026-01-01T00:00:00.000Z",
    };
    const { api, requests } = fakeApi({ votes: [vote] });
    expect(await fetchVotes(api, "esc_1")).toEqual([vote]);
    expect(requests[0]?.path).toBe("/api/escalations/esc_1/votes");
  });

  it("votes with a trimmed note, and without one when blank", async () => {
    const { api, requests } = fakeApi({ escalation: { id: "esc_1", status: "approved" } });
    expect((await voteOnEscalation(api, "esc_1", "approve", "  ok for Q3  ")).status).toBe("approved");
    await voteOnEscalation(api, "esc_1", "reject", "   ");
    expect(requests[0]).toMatchObject({
      method: "PUT",
      path: "/api/escalations/esc_1",
      body: { action: "approve", notes: "ok for Q3" },
    });
    expect(requests[1]?.body).toEqual({ action: "reject" });
  });
});
