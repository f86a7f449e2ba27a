import { httpError } from "../errors.js";

/** Longest bridge URL accepted. */
export const MAX_BRIDGE_URL_LENGTH = 2048;

/**
 * Checks a bridge's webhook URL (the full URL events are POSTed to, e.g.
 * `https://bridge.example/webhooks/escalations`): absolute `http:` or `https:`, no user name or
 * password in it (credentials go in `bearer_token`), no fragment. The URL is never echoed in
 * the error: a caller may have put a secret in it.
 *
 * @throws {ControlPlaneHttpError} `CP_BRIDGE_URL_INVALID` (400).
 * @returns the URL, normalised by WHATWG URL parsing.
 * @example
 * checkBridgeUrl("https://bridge.example/webhooks/escalations");
 */
export function checkBridgeUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw invalid("is not an absolute URL");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw invalid("must use http or https");
  if (url.username !== "" || url.password !== "") {
    throw invalid("must not carry credentials (send a bearer_token instead)");
  }
  if (url.hash !== "") throw invalid("must not have a fragment");
  return url.toString();
}

function invalid(why: string) {
  return httpError("CP_BRIDGE_URL_INVALID", `The bridge url ${why}.`);
}
