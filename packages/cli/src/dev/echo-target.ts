import { createServer, type Server } from "node:http";

/** A running stand-in upstream. */
export interface EchoTarget {
  readonly url: string;
  close(): Promise<void>;
}

const MAX_BODY = 64 * 1024;

/**
 * The gateway's upstream when `sec0 dev` is given no `--target`: `POST /invoke/{tool@version}`
 * answers `{ ok, tool, args }`, so calls through the gateway have somewhere to go. Loopback only;
 * bodies over 64 KiB are refused (413).
 */
export function startEchoTarget(): Promise<EchoTarget> {
  const server: Server = createServer((req, res) => {
    const match = /^\/invoke\/([^/?]+)$/.exec(req.url ?? "");
    if (req.method !== "POST" || match === null) {
      res.writeHead(404, { "content-type": "application/json" }).end('{"error":"NOT_FOUND"}');
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        res.writeHead(413, { "content-type": "application/json" }).end('{"error":"TOO_LARGE"}');
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => {
      let args: unknown;
      try {
        args = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}");
      } catch {
        res.writeHead(400, { "content-type": "application/json" }).end('{"error":"BAD_JSON"}');
        return;
      }
      res
        .writeHead(200, { "content-type": "application/json" })
        .end(JSON.stringify({ ok: true, tool: decodeURIComponent(match[1] as string), args }));
    });
  });
  return new Promise((resolveStart, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      resolveStart({
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((resolveClose) => {
            server.closeAllConnections();
            server.close(() => resolveClose());
          }),
      });
    });
  });
}
