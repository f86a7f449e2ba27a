import {
  type DidResolution,
  type DidVerificationMethod,
  didFailure,
  isSupportedPublicJwk,
} from "./did-resolution.js";
import { parseStrictJson } from "./strict-json.js";

/** More methods than this is not a key list but an attempt to make the verifier work. */
const MAX_METHODS = 32;

/**
 * The usable verification methods of a DID document's JSON text: `id` must equal `did`; each
 * method with an Ed25519 or P-256 `publicKeyJwk` counts (relative ids `#x` made absolute), and
 * when the document lists `assertionMethod`, only methods it references count.
 */
export function parseDidDocument(did: string, text: string): DidResolution {
  const parsed = parseStrictJson(text);
  if (
    !parsed.ok ||
    parsed.value === null ||
    typeof parsed.value !== "object" ||
    Array.isArray(parsed.value)
  ) {
    return didFailure(did, "invalid_document", "The DID document is not a JSON object.");
  }
  const document = parsed.value as Record<string, unknown>;
  if (document.id !== did)
    return didFailure(did, "invalid_document", "The DID document's id is not the DID.");
  const listed = document.verificationMethod;
  if (!Array.isArray(listed) || listed.length > MAX_METHODS) {
    return didFailure(did, "invalid_document", "The DID document has no usable verificationMethod list.");
  }
  const assertion = assertionIds(did, document.assertionMethod);
  const methods: DidVerificationMethod[] = [];
  for (const entry of listed) {
    const method = toMethod(did, entry);
    if (method !== undefined && (assertion === undefined || assertion.has(method.id))) methods.push(method);
  }
  return { ok: true, did, methods };
}

function absolute(did: string, id: string): string {
  return id.startsWith("#") ? `${did}${id}` : id;
}

function toMethod(did: string, entry: unknown): DidVerificationMethod | undefined {
  if (entry === null || typeof entry !== "object") return undefined;
  const { id, publicKeyJwk, controller } = entry as Record<string, unknown>;
  if (typeof id !== "string" || !isSupportedPublicJwk(publicKeyJwk)) return undefined;
  if (controller !== undefined && controller !== did) return undefined;
  const full = absolute(did, id);
  return full.startsWith(`${did}#`) ? { id: full, publicKeyJwk } : undefined;
}

function assertionIds(did: string, value: unknown): Set<string> | undefined {
  if (!Array.isArray(value)) return undefined;
  const ids = new Set<string>();
  for (const item of value) {
    if (typeof item === "string") ids.add(absolute(did, item));
    else if (item !== null && typeof item === "object" && typeof (item as { id?: unknown }).id === "string") {
      ids.add(absolute(did, (item as { id: string }).id));
    }
  }
  return ids;
}
