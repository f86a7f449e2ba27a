// A tool server on 127.0.0.1 standing in for the gateway's upstream: `POST /invoke/{tool@version}`
// answers JSON with what it received.
import { createServer } from "node:http";

export interface Upstream {
  readonly url: string;
  /** Request paths received, e.g. `/invoke/read%401`. */
  readonly paths: string[];
  close(): Promise<void>;
}

/** Starts the upstream on a free port. */
export async function startUpstream(): Promise<Upstream> {
  const paths: string[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      paths.push(req.url ?? "");
      const ok = req.method === "POST" && req.url === "/invoke/read%401";
      res.writeHead(ok ? 200 : 404, { "content-type": "application/json" });
      res.end(JSON.stringify(ok ? { ok: true, content: "hello", args: JSON.parse(Buffer.concat(chunks).toString() || "{}") } : { error: "NOT_FOUND" }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    paths,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
