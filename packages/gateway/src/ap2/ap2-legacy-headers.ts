import { AP2_HEADERS } from "@sec0/core/contracts";

// sec0-sdk 0.2.3's AP2 header constants (`sec0-sdk/mandate-ap2`), with 0.2.3's names and values.

/** Header carrying the intent mandate (a compact JWS). */
export const AP2_INTENT_HEADER = AP2_HEADERS.intentMandate;
/** Header carrying the cart mandate (a compact JWS). */
export const AP2_CART_HEADER = AP2_HEADERS.cartMandate;
/** Header carrying both mandates as JSON `{ intent | intentMandate, cart | cartMandate }`. */
export const AP2_BUNDLE_HEADER = AP2_HEADERS.bundle;
/** Header the gateway sets downstream: sha256 of the canonical cart payload. */
export const AP2_CART_DIGEST_HEADER = AP2_HEADERS.cartSha256;
/** Header the gateway sets downstream: sha256 of the canonical intent `constraints`. */
export const AP2_CONSTRAINTS_DIGEST_HEADER = AP2_HEADERS.constraintsSha256;
