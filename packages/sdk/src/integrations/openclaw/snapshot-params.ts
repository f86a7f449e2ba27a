/** The largest tool-call params (as JSON) sec0 decides on; larger ones are refused unread. */
export const MAX_PARAMS_JSON_BYTES = 1_048_576;

/** Params as plain JSON data, or why they cannot be decided on. */
export type ParamsSnapshot =
  | { readonly ok: true; readonly args: Record<string, unknown> }
  | { readonly ok: false; readonly why: string };

/**
 * Copies tool-call params into plain JSON data, so the decision is made on exactly the data the
 * audit row hashes: getters run once, cycles, BigInts and throwing proxies are refused, and so
 * are params over {@link MAX_PARAMS_JSON_BYTES} (length of their JSON). Never throws.
 *
 * @example
 * snapshotParams({ path: "/tmp/a" }); // { ok: true, args: { path: "/tmp/a" } }
 */
export function snapshotParams(params: unknown): ParamsSnapshot {
  if (typeof params !== "object" || params === null || Array.isArray(params))
    return { ok: false, why: "tool params are not an object" };
  let json: string;
  try {
    json = JSON.stringify(params);
  } catch (error) {
    return {
      ok: false,
      why: `tool params are not JSON data (${error instanceof Error ? error.name : "error"})`,
    };
  }
  if (json.length > MAX_PARAMS_JSON_BYTES)
    return { ok: false, why: `tool params exceed ${MAX_PARAMS_JSON_BYTES} bytes of JSON` };
  return { ok: true, args: JSON.parse(json) as Record<string, unknown> };
}

/**
 * An agent-state node id from OpenClaw's agent id: lower case, `[a-z0-9-]`, at most 80 chars.
 *
 * @example
 * toNodeId("Main Agent"); // "main-agent"
 */
export function toNodeId(agentId: string | undefined): string {
  const id = (agentId ?? "")
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/-+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 80);
  return id === "" ? "openclaw-agent" : id;
}

/**
 * An agent-state run ref from OpenClaw's session key or run id: `[A-Za-z0-9._:-]`, at most 120 chars.
 *
 * @example
 * toAgentRef("agent:main:telegram/42"); // "agent:main:telegram_42"
 */
export function toAgentRef(ref: string | undefined): string | undefined {
  if (ref === undefined || ref === "") return undefined;
  return ref.replace(/[^A-Za-z0-9._:-]/g, "_").slice(0, 120);
}
