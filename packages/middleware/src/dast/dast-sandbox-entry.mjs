// The script runInSandbox starts for a DAST run: it reports every filesystem call the permission
// model denied (one `sec0-dast-denied <json>` line on stderr: permission, absolute resource path)
// and then imports the user's server script (argv[2]) so it runs as if started directly. A report
// channel, not the boundary: the permission model denies the write whether or not it is reported.
import fs from "node:fs";
import { syncBuiltinESMExports } from "node:module";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const MARK = "sec0-dast-denied ";

function report(error) {
  if (error?.code !== "ERR_ACCESS_DENIED") return;
  const resource = typeof error.resource === "string" ? resolve(error.resource) : undefined;
  try {
    fs.writeSync(2, `${MARK}${JSON.stringify({ permission: error.permission, resource })}\n`);
  } catch {}
}

function wrap(api, name) {
  const original = api[name];
  const wrapped = function sec0Reported(...args) {
    const last = args.at(-1);
    if (typeof last === "function") {
      args[args.length - 1] = function reportedCallback(error, ...rest) {
        report(error);
        return last.call(this, error, ...rest);
      };
    }
    try {
      const out = original.apply(this, args);
      if (!(out instanceof Promise)) return out;
      return out.catch((error) => {
        report(error);
        throw error;
      });
    } catch (error) {
      report(error);
      throw error;
    }
  };
  // Keep what hangs off the function (`realpathSync.native`, util.promisify.custom).
  for (const key of Reflect.ownKeys(original)) {
    if (!["length", "name", "prototype"].includes(key))
      Object.defineProperty(wrapped, key, Object.getOwnPropertyDescriptor(original, key));
  }
  api[name] = wrapped;
}

for (const api of [fs, fs.promises]) {
  for (const name of Object.keys(api)) {
    if (typeof api[name] === "function" && /^[a-z]/.test(name) && !/Stream$|^watch/.test(name)) {
      wrap(api, name);
    }
  }
}
syncBuiltinESMExports();

const script = process.argv[2];
process.argv.splice(1, 1);
await import(pathToFileURL(resolve(script)).href);
