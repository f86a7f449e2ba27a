// The story's side of a running stack (from `startDevStack`): the payments policy on the control
// plane, the payments server behind the gateway, and what `runStory` needs to know of the system.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { startPaymentsServer } from "./payments-server.mjs";
import { paymentsPolicy } from "./policy.mjs";

/** Publishes the payments policy for the middleware; resolves with its version and signature. */
export async function publishPaymentsPolicy(stack) {
  const reply = await fetch(`${stack.urls.controlPlane}/api/policy/${stack.tenant}?level=middleware`, {
    method: "PUT",
    headers: { authorization: `Bearer ${stack.keys.admin}`, "content-type": "text/yaml" },
    body: paymentsPolicy(stack.tenant),
  });
  if (reply.status >= 300)
    throw new Error(`publishing the policy answered ${reply.status}: ${await reply.text()}`);
  await reply.body?.cancel();
  return {
    version: reply.headers.get("x-sec0-policy-version") ?? "?",
    signature: reply.headers.get("x-sec0-policy-signature") ?? "",
  };
}

/** Starts the payments server on `port` (the gateway's `payments` target), its log in `<work>/payments-server/audit`. */
export async function startStoryPayments(stack, { port, work, runs }) {
  const auditDir = join(work, "payments-server", "audit");
  mkdirSync(auditDir, { recursive: true });
  const server = await startPaymentsServer({
    port,
    controlPlaneUrl: stack.urls.controlPlane,
    apiKey: stack.keys.agent,
    tenant: stack.tenant,
    auditDir,
    keyPath: stack.auditKeyPath,
    runs,
  });
  return { server, auditDir };
}

/** What `runStory` needs of the system; `gatewayUrl` defaults to the stack's first gateway. */
export function storySystem(stack, { work, runs, gatewayUrl = stack.urls.gateway, approver = "alice" }) {
  return {
    tenant: stack.tenant,
    controlPlaneUrl: stack.urls.controlPlane,
    gatewayUrl,
    approvalsUrl: stack.urls.approvalsBridge,
    approvalsToken: stack.approvalsToken,
    approver,
    agentKey: stack.keys.agent,
    gatewayClientKey: stack.keys.gatewayClient,
    keyPath: stack.auditKeyPath,
    agentAuditDir: join(work, "agent", "audit"),
    runs,
  };
}
