// Preloaded (`node --import`) into every runInSandbox child: network connections to anything but
// the loopback host throw. It patches net.Socket#connect (which http, https, tls, fetch and
// net.connect all go through), dgram sends, and DNS lookups and queries. A guard against a tool
// that phones home, not a boundary against code that sets out to defeat it (see README).
import dgram from "node:dgram";
import dns from "node:dns";
import { syncBuiltinESMExports } from "node:module";
import net from "node:net";

const LOOPBACK = new Set(["127.0.0.1", "::1", "localhost", "::ffff:127.0.0.1", "[::1]"]);
const CODE = "SCANNERS_SANDBOX_NETWORK_BLOCKED";

function blocked(target) {
  const error = new Error(`sec0 sandbox: network access to ${target} is blocked (loopback only)`);
  error.code = CODE;
  return error;
}

function isLoopback(host) {
  return typeof host === "string" && LOOPBACK.has(host.toLowerCase());
}

/** The host a Socket#connect call targets: (options), (port, host), (path), or net's normalized [options, cb]. */
function connectTarget(args) {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  if (typeof first === "object" && first !== null) {
    if (typeof first.path === "string") return { host: first.path, ok: false };
    const host = first.host ?? "localhost";
    return { host, ok: isLoopback(host) };
  }
  if (typeof first === "string" && !/^\d+$/.test(first)) return { host: first, ok: false };
  const host = typeof args[1] === "string" ? args[1] : "localhost";
  return { host, ok: isLoopback(host) };
}

const originalConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function connect(...args) {
  const target = connectTarget(args);
  if (!target.ok) throw blocked(target.host);
  return originalConnect.apply(this, args);
};

function guardDgram(name, hostIndexOf) {
  const original = dgram.Socket.prototype[name];
  dgram.Socket.prototype[name] = function guarded(...args) {
    const index = hostIndexOf(args);
    const host = index === -1 ? "localhost" : args[index];
    if (!isLoopback(host)) throw blocked(host);
    return original.apply(this, args);
  };
}
guardDgram("connect", (args) => (typeof args[1] === "string" ? 1 : -1));
guardDgram("send", (args) =>
  args.findIndex((a, i) => typeof a === "string" && typeof args[i - 1] === "number"),
);

const originalLookup = dns.lookup;
dns.lookup = function lookup(hostname, ...rest) {
  if (!isLoopback(hostname)) {
    const callback = rest.at(-1);
    if (typeof callback === "function") {
      process.nextTick(callback, blocked(hostname));
      return {};
    }
    throw blocked(hostname);
  }
  return originalLookup.call(this, hostname, ...rest);
};
const originalPromiseLookup = dns.promises.lookup;
dns.promises.lookup = async function lookup(hostname, ...rest) {
  if (!isLoopback(hostname)) throw blocked(hostname);
  return originalPromiseLookup.call(this, hostname, ...rest);
};
for (const api of [dns, dns.promises]) {
  for (const name of Object.keys(api)) {
    if (/^(resolve|reverse)/.test(name) && typeof api[name] === "function") {
      api[name] = (host) => {
        throw blocked(String(host));
      };
    }
  }
}
syncBuiltinESMExports();
