import { AP2_HEADERS } from "@sec0/core/contracts";
import { AP2_REASONS, type Ap2Reason } from "./ap2-reasons.js";
import { type DecodedMandate, decodeMandate, MAX_MANDATE_LENGTH, parseObject } from "./decode-mandate.js";

/** Request headers as Node delivers them (lower-case names). */
export type Ap2HeaderSource = Readonly<Record<string, string | readonly string[] | undefined>>;

/** The intent and cart mandates of a call, or the reasons they could not be taken. */
export type CollectedMandates =
  | { readonly ok: true; readonly intent: DecodedMandate; readonly cart: DecodedMandate }
  | { readonly ok: false; readonly reasons: Ap2Reason[] };

/**
 * Gathers the mandates as 0.2.3 did: the intent from `x-ap2-intent-mandate` and the bundle's
 * `intent` / `intentMandate`, the cart from `x-ap2-cart-mandate` and the bundle's `cart` /
 * `cartMandate`; every non-empty candidate of one kind must be the same mandate.
 */
export function collectMandates(headers: Ap2HeaderSource): CollectedMandates {
  const bundle = readBundle(headers[AP2_HEADERS.bundle]);
  if (bundle === "malformed") return { ok: false, reasons: [AP2_REASONS.malformed] };
  const intent = pick(
    [...values(headers[AP2_HEADERS.intentMandate]), bundle?.intent, bundle?.intentMandate],
    AP2_REASONS.intentConflict,
  );
  const cart = pick(
    [...values(headers[AP2_HEADERS.cartMandate]), bundle?.cart, bundle?.cartMandate],
    AP2_REASONS.cartConflict,
  );
  const reasons: Ap2Reason[] = [];
  if (typeof intent === "string") reasons.push(intent);
  else if (intent === undefined) reasons.push(AP2_REASONS.intentMissing);
  if (typeof cart === "string") reasons.push(cart);
  else if (cart === undefined) reasons.push(AP2_REASONS.mandateMissing);
  if (reasons.length > 0 || intent === undefined || cart === undefined) return { ok: false, reasons };
  return { ok: true, intent: intent as DecodedMandate, cart: cart as DecodedMandate };
}

function values(header: string | readonly string[] | undefined): string[] {
  if (header === undefined) return [];
  return typeof header === "string" ? [header] : [...header];
}

function isEmpty(candidate: unknown): boolean {
  return (
    candidate === undefined ||
    candidate === null ||
    (typeof candidate === "string" && candidate.trim() === "")
  );
}

function pick(candidates: unknown[], conflict: Ap2Reason): DecodedMandate | Ap2Reason | undefined {
  let chosen: DecodedMandate | undefined;
  for (const candidate of candidates) {
    if (isEmpty(candidate)) continue;
    const decoded = decodeMandate(candidate);
    if (decoded === undefined) return AP2_REASONS.malformed;
    if (chosen !== undefined && chosen.identity !== decoded.identity) return conflict;
    chosen ??= decoded;
  }
  return chosen;
}

function readBundle(
  header: string | readonly string[] | undefined,
): Record<string, unknown> | undefined | "malformed" {
  const all = values(header).filter((value) => value.trim() !== "");
  if (all.length === 0) return undefined;
  if (all.length > 1) return "malformed";
  const text = (all[0] as string).trim();
  if (text.length > 4 * MAX_MANDATE_LENGTH) return "malformed";
  const json = text.startsWith("{") ? text : Buffer.from(text, "base64url").toString("utf8");
  return parseObject(json) ?? "malformed";
}
