// The gateway: `startGatewayServer` routing server `billing` to CUSTODY_TOOL_URL, signed audit in
// CUSTODY_GATEWAY_DIR, no authentication. Prints {url}; flushes and exits on SIGTERM.
import { startGatewayServer } from "@sec0/gateway";
import { LocalDevSigner, Sec0Appender } from "./built-deps.mjs";

const env = process.env;
const appender = new Sec0Appender({
  config: { dir: env.CUSTODY_GATEWAY_DIR },
  signer: LocalDevSigner.fromKeyRef(`file://${env.CUSTODY_KEY_FILE}`, { cwd: env.CUSTODY_WORK }),
});
const gateway = startGatewayServer({
  port: 0,
  tenant: "acme",
  targets: { billing: env.CUSTODY_TOOL_URL },
  audit: {
    append: (envelope) => appender.append(envelope),
    flush: () => appender.flush(),
    gatewayName: "billing-gateway",
    gatewayVersion: "1.0.0",
  },
  enforcement: { mode: "enforce" },
});

process.on("SIGTERM", async () => {
  await gateway.shutdown();
  await appender.close();
  process.exit(0);
});

const { url } = await gateway.ready;
console.log(JSON.stringify({ url }));
