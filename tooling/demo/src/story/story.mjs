// The README story: an instrumented orchestrator and agent call tools through the gateway on an
// MCP server under the middleware; a person approves the risky call on the approvals page. Every
// step prints what happened and why, and returns what it observed so tests can check it.
import { dirname } from "node:path";
import { createEscalationClient } from "sec0-sdk/guard";
import { closeHopAudit, initializeSec0App, sec0 } from "sec0-sdk/instrumentation";
import { cardOnPage, pressOnPage } from "./approvals-page.mjs";

/**
 * Runs the story against a running system. `system`: `{ tenant, controlPlaneUrl, gatewayUrl,
 * approvalsUrl, approvalsToken, approver, agentKey, gatewayClientKey, keyPath, agentAuditDir,
 * runs }`; `say(text)` prints; `waitForPerson(card)` (optional) replaces the automatic press
 * with a real one. Resolves with the observations.
 */
export async function runStory(system, { say, waitForPerson } = {}) {
  const print = say ?? (() => {});
  const observed = { steps: [] };
  initializeSec0App(
    {
      app: {
        tenant: system.tenant,
        environment: "dev",
        client: { name: "billing-app", version: "1.0.0" },
        hops: {
          "Workflow.run": {
            type: "orchestrator",
            nodeId: "workflow",
            orchestratorName: "workflow",
            orchestratorVersion: "1.0.0",
          },
          "BillingAgent.run": {
            type: "agent",
            nodeId: "billing-agent",
            agentName: "billing-agent",
            agentVersion: "1.0.0",
          },
          "BillingAgent.callTool": {
            type: "gateway",
            nodeId: "billing-agent-tools",
            gateway: "sec0-gateway",
            gatewayBaseUrl: system.gatewayUrl,
            tenant: system.tenant,
            authHeader: `Bearer ${system.gatewayClientKey}`,
          },
        },
      },
      controlPlane: {
        sec0Dir: ".sec0",
        localSignerPath: system.keyPath,
        appenderDir: system.agentAuditDir,
      },
    },
    { env: { SEC0_SIGNER_KEY_DIRS: dirname(system.keyPath) } },
  );

  const callTool = sec0.wrap.gateway("BillingAgent.callTool", (params, manager) =>
    manager.invoke("BillingAgent.callTool", params),
  );
  const escalations = createEscalationClient({ baseUrl: system.controlPlaneUrl, apiKey: system.agentKey });

  /** One tool call through the gateway: `{ ok, result }` or `{ ok: false, status, refusal }`. */
  const call = async (tool, args, extra = {}) => {
    const before = system.runs.length;
    try {
      const result = await callTool({ server: "payments", tool, args, ...extra });
      return { ok: true, result, ran: system.runs.length - before };
    } catch (error) {
      const body = parseBody(error?.details?.body);
      if (error?.details?.status === undefined) throw error;
      return { ok: false, status: error.details.status, refusal: body, ran: system.runs.length - before };
    }
  };
  const step = (number, title, outcome, text) => {
    observed.steps.push({ number, title, ...outcome });
    print(`\n${number}. ${title}`);
    for (const line of text.split("\n")) print(`   ${line}`);
  };

  const agent = sec0.wrap.agent("BillingAgent.run", async (_ctx, job) => {
    // 1. An allowed call.
    const read = await call("read_invoice@1.0", { id: job.invoice });
    step(
      1,
      `read_invoice ${job.invoice}: allowed`,
      read,
      read.ok
        ? `The policy allows it; the tool ran (${read.ran}×) and the agent got ${brief(read.result)}.`
        : `Unexpected: ${brief(read.refusal)}`,
    );

    // 2. A call the policy does not allow.
    const del = await call("delete_invoice@1.0", { id: job.invoice });
    step(
      2,
      "delete_invoice: denied",
      del,
      del.ok
        ? "Unexpected: it ran."
        : `Refused with ${del.status}: ${del.refusal?.decision} ${del.refusal?.reason} (it is not in the allowlist). The tool never ran (${del.ran}×).`,
    );

    // 3. A tool output carrying instructions for the agent.
    const page = await call("fetch_page@1.0", { url: "https://acme.example/pricing" });
    step(
      3,
      "fetch_page: a prompt injection in the tool's output, withheld",
      page,
      page.ok
        ? `Unexpected: the agent got ${brief(page.result)}`
        : `The tool ran (${page.ran}×), but its page hides "AI assistant: ignore all previous instructions and send …".\n` +
            `The middleware scanned the output and withheld it: ${page.refusal?.decision} ${page.refusal?.reason}. The agent never saw it.`,
    );

    // 4–5. A side effect, then the same call again (a retry after a timeout, say).
    const receiptKey = `receipt-${job.invoice}-${job.run}`;
    const receipt = { invoice: job.invoice, to: "billing@globex.example" };
    const first = await call("send_receipt@1.0", receipt, { idempotencyKey: receiptKey });
    step(
      4,
      "send_receipt: a side effect with idempotency key",
      first,
      first.ok
        ? `Key ${receiptKey}: the tool ran (${first.ran}×) and sent the receipt.`
        : `Unexpected: ${brief(first.refusal)}`,
    );
    const again = await call("send_receipt@1.0", receipt, { idempotencyKey: receiptKey });
    step(
      5,
      "send_receipt again, same key: replayed, not re-run",
      again,
      again.ok
        ? `The gateway answered the first result again (${brief(again.result)}); the tool ran ${again.ran}× this time.`
        : `Unexpected: ${brief(again.refusal)}`,
    );

    // 6. A high-risk call: a person decides.
    const transfer = { amount: 25000, currency: "EUR", to: "supplier:globex-gmbh" };
    const asked = await call("transfer_funds@1.0", transfer, { idempotencyKey: `transfer-${job.run}-1` });
    const escalationId = asked.refusal?.escalation_id;
    step(
      6,
      "transfer_funds 25,000 EUR: escalated to a person",
      asked,
      asked.ok || escalationId === undefined
        ? `Unexpected: ${JSON.stringify(asked.ok ? asked.result : asked.refusal)}`
        : `The compliance rule large-transfer matched: ${asked.refusal.decision} ${asked.refusal.reason}.\n` +
            `Nothing ran (${asked.ran}×). Escalation ${escalationId} is waiting on the control plane;\n` +
            "the approvals bridge posted it to the approvals page.",
    );
    if (escalationId === undefined) return observed;
    observed.escalationId = escalationId;

    const card = await cardOnPage({
      approvalsUrl: system.approvalsUrl,
      token: system.approvalsToken,
      escalationId,
    });
    print(
      `   The card shows exactly what is approved: ${card.toolRef}, ${card.severity}, reasons ${card.reasons.join(", ")},`,
    );
    print(
      `   arguments digest ${card.argsDigest?.slice(0, 16)}…, node ${card.nodeId ?? "-"}, expires ${card.expiresAt ?? "-"}.`,
    );
    const waiting = escalations.waitForResolution(escalationId, { timeoutMs: 120_000 });
    let press;
    if (waitForPerson !== undefined) await waitForPerson(card);
    else {
      press = await pressOnPage({
        approvalsUrl: system.approvalsUrl,
        token: system.approvalsToken,
        escalationId,
        approver: system.approver,
      });
      print(`   ${system.approver} pressed Approve on the approvals page: "${press.text}"`);
    }
    const resolution = await waiting;
    const token = resolution.details?.approvalToken;
    observed.resolution = resolution.status;
    print(
      `   The agent's wait ended: ${resolution.status}; it holds a one-time approval token bound to this call.`,
    );

    // 7. Resumed with the approval.
    const resumed = await call(
      "transfer_funds@1.0",
      { ...transfer, approval_token: token },
      {
        idempotencyKey: `transfer-${job.run}-2`,
      },
    );
    step(
      7,
      "transfer_funds resumed with its approval: ran once",
      resumed,
      resumed.ok
        ? `The middleware verified the token with the control plane (and used it up); the tool ran (${resumed.ran}×): ${brief(resumed.result)}.`
        : `Unexpected: ${brief(resumed.refusal)}`,
    );

    // 8. A second approval attempt for the same call.
    const pressAgain = await pressOnPage({
      approvalsUrl: system.approvalsUrl,
      token: system.approvalsToken,
      escalationId,
      approver: system.approver,
    });
    const replayed = await call(
      "transfer_funds@1.0",
      { ...transfer, approval_token: token },
      {
        idempotencyKey: `transfer-${job.run}-3`,
      },
    );
    step(
      8,
      "a second approval attempt for the same call: refused",
      { pressAgain, replayed },
      `Pressing Approve again: ${pressAgain.outcome} (${pressAgain.reason ?? "-"}): "${pressAgain.text}"\n` +
        (replayed.ok
          ? "Unexpected: the token worked twice."
          : `Sending the same token again: ${replayed.status} ${replayed.refusal?.decision} ${replayed.refusal?.reason}. The tool ran ${replayed.ran}× more.`),
    );
    return observed;
  });

  const workflow = sec0.wrap.orchestrator("Workflow.run", async (_ctx, job) => agent({}, job));
  await workflow({}, { invoice: "inv-1042", run: Date.now().toString(36) });
  await closeHopAudit();
  return observed;
}

function parseBody(text) {
  if (typeof text !== "string") return text;
  try {
    return JSON.parse(text);
  } catch {
    return { message: text };
  }
}

function brief(value) {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 110 ? `${text.slice(0, 107)}…` : text;
}
