// A local approvals bridge: node:http on 127.0.0.1 (port 0) that checks each request's HMAC
// signature and timestamp window with core's verify function and records what it got.
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  BRIDGE_NONCE_HEADER,
  BRIDGE_SIGNATURE_HEADER,
  BRIDGE_TIMESTAMP_HEADER,
  type BridgeSignatureVerification,
  verifyBridgeSignature,
} from "@sec0/core/contracts";

/** One request the receiver got. */
export interface ReceivedRequest {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly event: { event_id: string; event_type: string; tenant_id: string; escalation: { id: string } };
  readonly verification: BridgeSignatureVerification;
}

/** A running receiver. */
export interface TestReceiver {
  /** The full webhook URL (`http://127.0.0.1:<port>/webhooks/escalations`). */
  readonly url: string;
  readonly received: ReceivedRequest[];
  close(): Promise<void>;
}

/**
 * Starts a receiver for `secret`. `status(n)` answers the n-th request (1-based; 200 by
 * default); `nowMs` is the time signatures are checked at (the test's clock).
 */
export async function startReceiver(options: {
  secret: string;
  nowMs: () => number;
  status?: (n: number) => number;
}): Promise<TestReceiver> {
  const received: ReceivedRequest[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const header = (name: string) => {
        const value = request.headers[name];
        return typeof value === "string" ? value : undefined;
      };
      received.push({
        path: request.url ?? "",
        headers: request.headers,
        body,
        event: JSON.parse(body),
        verification: verifyBridgeSignature({
          secret: options.secret,
          timestamp: header(BRIDGE_TIMESTAMP_HEADER),
          nonce: header(BRIDGE_NONCE_HEADER),
          signature: header(BRIDGE_SIGNATURE_HEADER),
          body,
          nowMs: options.nowMs(),
        }),
      });
      response.statusCode = options.status?.(received.length) ?? 200;
      response.end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks/escalations`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
