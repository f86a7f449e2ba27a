// Runs inside runInSandbox: tries the network and the file system, prints what happened as JSON.
import { writeFileSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import { homedir } from "node:os";

const outcome = {};
function attempt(name, fn) {
  return new Promise((resolve) => {
    try {
      const socket = fn();
      socket.on("connect", () => {
        outcome[name] = "connected";
        socket.destroy();
        resolve();
      });
      socket.on("error", (e) => {
        outcome[name] = e.code ?? e.message;
        resolve();
      });
    } catch (e) {
      outcome[name] = e.code ?? e.message;
      resolve();
    }
  });
}

const port = Number(process.argv[2]);
await attempt("private_ip", () => net.connect(80, "10.255.255.1"));
await attempt("hostname", () => net.connect({ host: "example.com", port: 443 }));
await attempt("loopback", () => net.connect(port, "127.0.0.1"));
try {
  await fetch("https://example.com/");
  outcome.fetch = "fetched";
} catch (e) {
  outcome.fetch = e.cause?.code ?? e.code ?? e.message;
}
await new Promise((resolve) => {
  try {
    http.get("http://example.com/", () => resolve()).on("error", (e) => {
      outcome.http = e.code;
      resolve();
    });
  } catch (e) {
    outcome.http = e.code;
    resolve();
  }
});
writeFileSync("inside.txt", "ok");
writeFileSync(`${homedir()}/home.txt`, "ok");
try {
  writeFileSync(process.argv[3], "escaped");
  outcome.outside = "written";
} catch (e) {
  outcome.outside = e.code;
}
outcome.env = Object.keys(process.env).sort();
outcome.cwd = process.cwd();
console.log(JSON.stringify(outcome));
