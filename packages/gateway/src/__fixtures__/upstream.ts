// A tool server standing in for a gateway upstream on 127.0.0.1: `POST /invoke/{tool@version}`
// answers with what it received; a few tools misbehave on purpose.
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";

export interface ReceivedCall {
  readonly tool: string;
  readonly args: unknown;
  readonly headers: IncomingHttpHeaders;
}

export interface TestUpstream {
  readonly url: string;
  readonly calls: ReceivedCall[];
  close(): Promise<void>;
}

/**
 * Tools: `slow@1` waits `args.ms`; `fail@1` answers 500 `{error: "TOOL_FAILED"}`; `huge@1` sends
 * `args.bytes` bytes; `text@1` answers plain text; anything else echoes `{ok, tool, args}`.
 */
export async function startUpstream(): Promise<TestUpstream> {
  const calls: ReceivedCall[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const tool = decodeURIComponent((req.url ?? "").replace(/^\/invoke\//, ""));
      const text = Buffer.concat(chunks).toString("utf8");
      const args = text.length > 0 ? (JSON.parse(text) as Record<string, unknown>) : {};
      calls.push({ tool, args, headers: req.headers });
      answer(tool, args, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function answer(tool: string, args: Record<string, unknown>, res: import("node:http").ServerResponse): void {
  const json = (status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  };
  switch (tool) {
    case "slow@1":
      setTimeout(() => json(200, { ok: true, tool }), Number(args.ms ?? 1000));
      return;
    case "fail@1":
      json(500, { error: "TOOL_FAILED", message: "the tool failed" });
      return;
    case "huge@1":
      res.writeHead(200, { "content-type": "application/json" });
      res.end(`{"pad":"${"x".repeat(Number(args.bytes ?? 1024))}"}`);
      return;
    case "text@1":
      res.writeHead(200, { "content-type": "text/plain" });
      res.end("plain answer");
      return;
    default:
      json(200, { ok: true, tool, args });
  }
}
