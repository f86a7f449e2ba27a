// The hop an invoke of a local handler is recorded as when `app.hops` has no entry for its key.
import { formatToolRef, normalizeNodeId, Sec0Error } from "@sec0/core";
import type { HopConfig } from "../hop-types.js";
import { localHopHandler } from "./local-hop-handlers.js";

/** The server name recorded for local handlers that `app.hops` does not list. */
export const LOCAL_HOP_SERVER = "local";

/**
 * A `tool` hop for the local handler of `hopKey` (no `app.hops` entry): its node id is the hop key
 * as a node id (`Unlisted.run` → `unlisted-run`), its tool is the key on the server `local`, and
 * its enforcement is the config default (enforce, nothing listed), as `buildHopConfig` gives.
 * @throws {Sec0Error} `INSTRUMENTATION_HOP_UNKNOWN` when no local handler is registered for `hopKey`.
 * @example
 * localHopConfig("Unlisted.run").nodeId; // "unlisted-run"
 */
export function localHopConfig(hopKey: string): HopConfig {
  if (localHopHandler(hopKey) === undefined) throw unknownHop(hopKey);
  return Object.freeze({
    key: hopKey,
    type: "tool",
    nodeId: normalizeNodeId(hopKey),
    identity: Object.freeze({
      server: LOCAL_HOP_SERVER,
      tool: hopKey,
      tool_ref: formatToolRef({ server: LOCAL_HOP_SERVER, tool: hopKey }),
    }),
    enforcement: Object.freeze({ mode: "enforce", denyOn: Object.freeze([]), escalateOn: Object.freeze([]) }),
    propagateTo: Object.freeze([]),
  });
}

/** `INSTRUMENTATION_HOP_UNKNOWN` for an invoke of a key with neither a hop config nor a handler. */
export function unknownHop(hopKey: string): Sec0Error {
  return new Sec0Error(
    "INSTRUMENTATION_HOP_UNKNOWN",
    `No hop "${hopKey}" in app.hops and no local handler for it; add it to sec0.config.yaml or call registerLocalHopHandler("${hopKey}", fn).`,
    { details: { hop: hopKey } },
  );
}
