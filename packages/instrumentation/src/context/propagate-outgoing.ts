import { channel } from "node:diagnostics_channel";
import type { HopConfig } from "../hop-types.js";
import { headersForOutgoing } from "./headers-for-outgoing.js";
import { currentHopFrame } from "./hop-frame-storage.js";

/** What undici publishes on `undici:request:create` (the parts used). */
interface UndiciRequest {
  readonly origin: string | URL;
  readonly headers: string | readonly string[] | Readonly<Record<string, unknown>> | undefined;
  addHeader(name: string, value: string): unknown;
}

let installed = false;

/**
 * Makes `fetch` (and undici) calls made inside a hop carry the hop's `traceparent`,
 * `x-cause-trace` / `x-cause-span` and agent-state headers — only to hosts the hop opts in to
 * (`propagateTo` in its config, `*.example.com` for subdomains) and to its gateway
 * (`gatewayBaseUrl`); never elsewhere, and never over a header the caller set. Installed once per
 * process, through undici's diagnostics channel `undici:request:create` (no global patched).
 */
export function installOutgoingPropagation(): void {
  if (installed) return;
  installed = true;
  channel("undici:request:create").subscribe((message) => {
    const request = (message as { request?: UndiciRequest }).request;
    const frame = currentHopFrame();
    if (request === undefined || frame === undefined) return;
    let host: string;
    try {
      host = new URL(String(request.origin)).host.toLowerCase();
    } catch {
      return;
    }
    if (!propagatesTo(frame.hop, host)) return;
    const present = headerNames(request.headers);
    for (const [name, value] of Object.entries(headersForOutgoing(frame))) {
      if (!present.has(name.toLowerCase())) request.addHeader(name, value);
    }
  });
}

/** True when `host` (`name:port` or `name`) is one the hop sends its context to. */
export function propagatesTo(hop: Pick<HopConfig, "propagateTo" | "gatewayBaseUrl">, host: string): boolean {
  const name = host.replace(/:\d+$/, "");
  const targets = [...hop.propagateTo.map((t) => t.toLowerCase())];
  if (hop.gatewayBaseUrl !== undefined) {
    try {
      targets.push(new URL(hop.gatewayBaseUrl).host.toLowerCase());
    } catch {
      // a malformed URL was refused by the config schema; nothing to add
    }
  }
  return targets.some((target) =>
    target.startsWith("*.") ? name.endsWith(target.slice(1)) : target === host || target === name,
  );
}

function headerNames(headers: UndiciRequest["headers"]): Set<string> {
  const names = new Set<string>();
  if (typeof headers === "string") {
    for (const line of headers.split("\r\n")) {
      const colon = line.indexOf(":");
      if (colon > 0) names.add(line.slice(0, colon).trim().toLowerCase());
    }
  } else if (Array.isArray(headers)) {
    for (let i = 0; i < headers.length; i += 2) names.add(String(headers[i]).toLowerCase());
  } else if (headers !== undefined && headers !== null) {
    for (const name of Object.keys(headers)) names.add(name.toLowerCase());
  }
  return names;
}
