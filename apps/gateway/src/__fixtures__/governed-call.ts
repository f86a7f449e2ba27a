// One governed call through a running gateway: `POST /mcp/files/read@1` with the API key.
export async function governedRead(gatewayUrl: string, apiKey: string, idempotencyKey: string): Promise<Response> {
  return fetch(`${gatewayUrl}/mcp/files/read@1`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-api-key": apiKey,
      "x-idempotency-key": idempotencyKey,
      "x-node-id": "planner",
      "x-agent-ref": "run-1",
    },
    body: JSON.stringify({ path: "/docs/readme.md" }),
    signal: AbortSignal.timeout(10_000),
  });
}

/** True when something accepts TCP connections on `host:port` within `timeoutMs`. */
export async function isReachable(host: string, port: number, timeoutMs = 500): Promise<boolean> {
  const { connect } = await import("node:net");
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}
