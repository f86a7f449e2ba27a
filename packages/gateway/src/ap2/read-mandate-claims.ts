import { AP2_REASONS, type Ap2Reason } from "./ap2-reasons.js";

/** The claims of a mandate sec0 acts on, after the 0.2.3 aliases were reconciled. */
export interface MandateClaims {
  /** `jti` or `id`. */
  readonly id?: string;
  /** `iss` or `issuer` (a string, or an object with `id` as in a W3C credential). */
  readonly issuer?: string;
  /** `sub` or `subject`. */
  readonly subject?: string;
  /** `exp`, seconds since the epoch. */
  readonly expiresAt?: number;
  /** `nbf`, seconds since the epoch. */
  readonly notBefore?: number;
  /** A cart's `intent_id` or `intent`: the intent it was made under. */
  readonly intentRef?: string;
}

/** Claims of a mandate, or the reasons they are unusable. */
export type MandateClaimsResult =
  | { readonly ok: true; readonly claims: MandateClaims }
  | { readonly ok: false; readonly reasons: Ap2Reason[] };

// Ids and DIDs end up in downstream headers: printable ASCII, no edge spaces, bounded.
const HEADER_SAFE = /^[\x21-\x7e](?:[\x20-\x7e]{0,1022}[\x21-\x7e])?$/;

type Field =
  | { readonly ok: true; readonly value: string | undefined }
  | { readonly ok: false; readonly reason: Ap2Reason };

/**
 * Reads and reconciles a mandate's claims: `jti`/`id`, `iss`/`issuer`, `sub`/`subject` must agree
 * when both are present (0.2.3's `*_conflict` reasons), a cart's `intent_id`/`intent` likewise,
 * `exp`/`nbf` must be numbers, and every id must be safe to put in a header.
 *
 * @example
 * readMandateClaims({ jti: "a", id: "b" }, "cart"); // { ok: false, reasons: ["ap2_cart_id_conflict"] }
 */
export function readMandateClaims(
  payload: Record<string, unknown>,
  kind: "intent" | "cart",
): MandateClaimsResult {
  const id = pair(
    payload.jti,
    payload.id,
    kind === "intent" ? AP2_REASONS.intentIdConflict : AP2_REASONS.cartIdConflict,
  );
  const issuer = pair(payload.iss, payload.issuer, AP2_REASONS.issuerConflict);
  const subject = pair(payload.sub, payload.subject, AP2_REASONS.subjectConflict);
  const intentRef =
    kind === "cart"
      ? pair(payload.intent_id, payload.intent, AP2_REASONS.cartIntentMismatch)
      : okField(undefined);
  const reasons: Ap2Reason[] = [];
  for (const field of [id, issuer, subject, intentRef]) if (!field.ok) reasons.push(field.reason);
  const expiresAt = numericDate(payload.exp);
  const notBefore = numericDate(payload.nbf);
  if (expiresAt === null || notBefore === null) reasons.push(AP2_REASONS.malformed);
  if (reasons.length > 0 || !id.ok || !issuer.ok || !subject.ok || !intentRef.ok) {
    return { ok: false, reasons: [...new Set(reasons)] };
  }
  return {
    ok: true,
    claims: {
      id: id.value,
      issuer: issuer.value,
      subject: subject.value,
      intentRef: intentRef.value,
      expiresAt: expiresAt ?? undefined,
      notBefore: notBefore ?? undefined,
    },
  };
}

function okField(value: string | undefined): Field {
  return { ok: true, value };
}

function pair(first: unknown, second: unknown, conflict: Ap2Reason): Field {
  const a = text(first);
  const b = text(second);
  if (a === null || b === null) return { ok: false, reason: AP2_REASONS.malformed };
  if (a !== undefined && b !== undefined && a !== b) return { ok: false, reason: conflict };
  return okField(a ?? b);
}

/** A string or `{ id: string }`; `undefined` when absent, `null` when unusable. */
function text(value: unknown): string | undefined | null {
  if (value === undefined || value === null) return undefined;
  const candidate =
    typeof value === "object" && !Array.isArray(value) ? (value as { id?: unknown }).id : value;
  return typeof candidate === "string" && HEADER_SAFE.test(candidate) ? candidate : null;
}

/** A JWT NumericDate; `undefined` when absent, `null` when not a finite number. */
function numericDate(value: unknown): number | undefined | null {
  if (value === undefined) return undefined;
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}
