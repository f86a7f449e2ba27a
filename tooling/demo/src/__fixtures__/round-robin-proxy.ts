// A load balancer in front of the gateway replicas, as a deployment has one: round robin, and a
// replica that refuses the connection is skipped (nothing was sent, so trying the next is safe).
// A connection that breaks after the request went out is answered 502: only the client, holding
// the idempotency key, may retry a call that may have run.
import { createServer, request, type Server } from "node:http";

export interface RoundRobinProxy {
  readonly url: string;
  close(): Promise<void>;
}

export function startRoundRobinProxy(upstreams: readonly string[]): Promise<RoundRobinProxy> {
  let next = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const attempt = (tried: number) => {
        if (tried >= upstreams.length) {
          res.writeHead(502, { "content-type": "application/json" }).end('{"error":"NO_UPSTREAM"}');
          return;
        }
        const target = new URL(req.url ?? "/", upstreams[next++ % upstreams.length]);
        const outgoing = request(target, { method: req.method, headers: req.headers }, (reply) => {
          res.writeHead(reply.statusCode ?? 502, reply.headers);
          reply.pipe(res);
        });
        outgoing.on("error", (error: NodeJS.ErrnoException) => {
          if (error.code === "ECONNREFUSED") return attempt(tried + 1);
          if (!res.headersSent)
            res.writeHead(502, { "content-type": "application/json" }).end('{"error":"UPSTREAM_BROKE"}');
          else res.destroy();
        });
        outgoing.end(body);
      };
      attempt(0);
    });
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
