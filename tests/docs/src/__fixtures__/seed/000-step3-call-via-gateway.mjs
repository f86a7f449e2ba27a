// Seed: 000_2a5608ef3982a735.txt, "Quickstart" › "3. Call Tools via Gateway". As published, with
// the indentation restored and one scrape artifact repaired: the published page shows
// `toolAtVersion: "[email protected]"`, an e-mail-obfuscation replacement of the original
// `tool@version` string, which is lost; `analyze@1.0` stands in for it.
// `userAccessToken`, `ctx` and `manager` are the user's own: the test defines them in a prelude, and
// replaces the `https://YOUR_GATEWAY_DOMAIN` placeholder with a local gateway's address.
import { callToolViaGateway } from "sec0-sdk/middleware";

const out = await callToolViaGateway({
  gatewayBaseUrl: "https://YOUR_GATEWAY_DOMAIN",
  server: "vision-mcp",
  toolAtVersion: "analyze@1.0",
  args: {
    url: "https://api.example.com/resource/123",
    method: "PUT",
    body: { status: "approved" },
  },
  // Prefer a per-user OIDC token when available; use SVC_TOKEN for service jobs.
  authHeader: `Bearer ${userAccessToken ?? process.env.SVC_TOKEN}`,
  cause: { traceId: ctx.traceId, spanId: ctx.spanId },
  agentState: manager.agent.snapshot(),
});
