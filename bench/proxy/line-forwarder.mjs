// The floor of any process between an MCP client and a stdio server: it starts the server given on
// its command line and copies newline-delimited messages both ways, parsing and re-serialising each
// one (as any proxy that reads them must), with nothing else. `pnpm bench proxy` measures it beside
// `sec0 mcp proxy` so the cost of the extra process and its two pipe hops is visible on its own.
import { spawn } from "node:child_process";

const [command, ...args] = process.argv.slice(2);
const server = spawn(command, args, { stdio: ["pipe", "pipe", "inherit"] });

function forward(from, to) {
  let pending = "";
  from.setEncoding("utf8");
  from.on("data", (chunk) => {
    pending += chunk;
    let out = "";
    for (let newline = pending.indexOf("\n"); newline >= 0; newline = pending.indexOf("\n")) {
      out += `${JSON.stringify(JSON.parse(pending.slice(0, newline)))}\n`;
      pending = pending.slice(newline + 1);
    }
    if (out !== "") to.write(out);
  });
}

forward(process.stdin, server.stdin);
forward(server.stdout, process.stdout);
process.stdin.on("end", () => server.stdin.end());
server.on("exit", (code) => process.exit(code ?? 0));
