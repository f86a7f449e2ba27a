// The person at the approvals page, as HTTP: what the page's Approve button sends.

/** Waits (≤ 15 s) until the page lists the escalation, and returns its card. */
export async function cardOnPage({ approvalsUrl, token, escalationId }) {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const reply = await fetch(`${approvalsUrl}/local/api/cards/${encodeURIComponent(escalationId)}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (reply.ok) return (await reply.json()).card;
    await reply.body?.cancel();
    await new Promise((wake) => setTimeout(wake, 100));
  }
  throw new Error(`the approvals page never showed escalation ${escalationId}`);
}

/** Presses Approve (or Reject) as `approver`; resolves with the page's answer. */
export async function pressOnPage({ approvalsUrl, token, escalationId, approver, verdict = "approve" }) {
  const reply = await fetch(`${approvalsUrl}/local/api/cards/${encodeURIComponent(escalationId)}/votes`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ verdict, approver }),
  });
  return { status: reply.status, ...(await reply.json()) };
}
