import { canonicalize } from "@sec0/core";
import { parseStrictJson } from "./strict-json.js";

/** A mandate as received, decoded but not verified. */
export type DecodedMandate =
  /** A compact JWS: its protected header and payload, and the text the signature covers. */
  | {
      readonly kind: "jws";
      readonly compact: string;
      readonly header: Record<string, unknown>;
      readonly payload: Record<string, unknown>;
      /** Identity for conflict checks: the compact text. */
      readonly identity: string;
    }
  /** A bare JSON object (0.2.3's form): nothing vouches for it. */
  | {
      readonly kind: "json";
      readonly payload: Record<string, unknown>;
      /** Identity for conflict checks: the canonical JSON. */
      readonly identity: string;
    };

/** Largest mandate accepted, in characters: headers are limited to far less anyway. */
export const MAX_MANDATE_LENGTH = 16_384;

const COMPACT_JWS = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]*)$/;
const BASE64URL = /^[A-Za-z0-9_-]+={0,2}$/;

/**
 * Decodes one mandate: a compact JWS, a JSON object text, base64url JSON, or (inside a bundle) an
 * object. Duplicate member names, non-object payloads and oversize text are refused
 * (`undefined`). An empty signature segment is kept so that `alg: none` is reported as such.
 *
 * @example
 * decodeMandate('{"id":"cart-1"}')?.kind; // "json"
 */
export function decodeMandate(value: unknown): DecodedMandate | undefined {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    return fromPayload(value as Record<string, unknown>);
  }
  if (typeof value !== "string") return undefined;
  const text = value.trim();
  if (text.length > MAX_MANDATE_LENGTH) return undefined;
  const jws = COMPACT_JWS.exec(text);
  if (jws !== null) {
    const header = decodeObject(jws[1] as string);
    const payload = decodeObject(jws[2] as string);
    if (header === undefined || payload === undefined) return undefined;
    return { kind: "jws", compact: text, header, payload, identity: `jws:${text}` };
  }
  if (text.startsWith("{")) return objectFromText(text);
  return BASE64URL.test(text) ? objectFromText(Buffer.from(text, "base64url").toString("utf8")) : undefined;
}

function fromPayload(payload: Record<string, unknown>): DecodedMandate | undefined {
  try {
    return { kind: "json", payload, identity: `json:${canonicalize(payload)}` };
  } catch {
    return undefined;
  }
}

function objectFromText(text: string): DecodedMandate | undefined {
  const object = parseObject(text);
  return object === undefined ? undefined : fromPayload(object);
}

function decodeObject(segment: string): Record<string, unknown> | undefined {
  return parseObject(Buffer.from(segment, "base64url").toString("utf8"));
}

/** A JSON object from text with no duplicate member names, else `undefined`. */
export function parseObject(text: string): Record<string, unknown> | undefined {
  const parsed = parseStrictJson(text);
  if (!parsed.ok) return undefined;
  const value = parsed.value;
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
