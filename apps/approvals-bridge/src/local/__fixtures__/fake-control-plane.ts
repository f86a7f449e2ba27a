// A control plane on 127.0.0.1 that speaks the real escalation wire protocol
// (`GET` / `PUT /api/escalations/{id}`): one approval finalizes, a vote on a final escalation is
// 409 CP_ESCALATION_FINAL, a second vote of one approver 409 CP_VOTE_DUPLICATE.
import { replyJson, startTestServer, type TestServer } from "@sec0/testkit";

/** An escalation as the fake holds it. */
export type FakeEscalation = Record<string, unknown> & { id: string; status: string };

/** The fake, its escalations by id, and the votes it recorded. */
export interface FakeControlPlane {
  readonly server: TestServer;
  readonly escalations: Map<string, FakeEscalation>;
  readonly votes: Array<{ id: string; body: Record<string, unknown>; authorization: string | undefined }>;
  close(): Promise<void>;
}

/** Starts the fake; `add` escalations with {@link FakeControlPlane.escalations}. */
export async function startFakeControlPlane(): Promise<FakeControlPlane> {
  const server = await startTestServer();
  const escalations = new Map<string, FakeEscalation>();
  const votes: FakeControlPlane["votes"] = [];
  server.handle((request, response) => {
    const id = decodeURIComponent(request.url.split("?")[0]?.split("/").at(-1) ?? "");
    const escalation = escalations.get(id);
    if (escalation === undefined)
      return replyJson(response, 404, { code: "CP_ESCALATION_NOT_FOUND", message: "no such escalation" });
    if (request.method === "GET") return replyJson(response, 200, { escalation });
    const body = JSON.parse(request.body) as Record<string, unknown>;
    if (escalation.status !== "pending")
      return replyJson(response, 409, { code: "CP_ESCALATION_FINAL", message: "already decided" });
    if (votes.some((v) => v.id === id && v.body.approver_id === body.approver_id))
      return replyJson(response, 409, { code: "CP_VOTE_DUPLICATE", message: "already voted" });
    votes.push({ id, body, authorization: request.headers.authorization });
    const approve = body.action === "approve";
    const approvals = Number(escalation.approvals ?? 0) + (approve ? 1 : 0);
    const rejections = Number(escalation.rejections ?? 0) + (approve ? 0 : 1);
    Object.assign(escalation, {
      approvals,
      rejections,
      status: approve ? "approved" : "rejected",
      finalization_reason: `${approve ? "Approved" : "Rejected"} by ${String(body.approver_id)}.`,
    });
    return replyJson(response, 200, { escalation });
  });
  return { server, escalations, votes, close: () => server.close() };
}
