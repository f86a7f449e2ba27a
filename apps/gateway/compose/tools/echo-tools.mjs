// A stand-in tool server for the compose stack: `POST /invoke/{tool@version}` answers JSON with
// the tool it was asked for and the arguments it got. Replace it with your real upstream.
import { createServer } from "node:http";

const port = Number(process.env.PORT ?? 9000);
createServer((req, res) => {
  const chunks = [];
  req.on("data", (chunk) => chunks.push(chunk));
  req.on("end", () => {
    const match = /^\/invoke\/([^/]+)$/.exec(req.url ?? "");
    if (req.method !== "POST" || match === null) {
      res.writeHead(404, { "content-type": "application/json" }).end('{"error":"NOT_FOUND"}');
      return;
    }
    let args = {};
    try {
      args = JSON.parse(Buffer.concat(chunks).toString() || "{}");
    } catch {
      res.writeHead(400, { "content-type": "application/json" }).end('{"error":"BAD_JSON"}');
      return;
    }
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ ok: true, tool: decodeURIComponent(match[1]), args }));
  });
}).listen(port, "0.0.0.0");
process.on("SIGTERM", () => process.exit(0));
