import { canonicalize, type Signer } from "@sec0/core";
import { LineLayout } from "./line-layout.js";

/**
 * One signed line laid out once in memory as `0x00 ‖ line ‖ "\n"` (see {@link LineLayout}): the
 * leaf hash, the chain hash and the file bytes are all read from the same buffer.
 */
export class SignedLine extends LineLayout {}

const SIG_KEY = '"sig":"ed25519:';
const SIG_END = '"}\n';
/** Base64 length of a 64-byte Ed25519 signature. */
const ED25519_BASE64_LENGTH = 88;

/**
 * Canonicalises `body` (which must not hold `sig`), signs those UTF-8 bytes once and builds the
 * line from the very same bytes: the canonical JSON with `"sig":"ed25519:<base64>"` appended as
 * the last member. The canonical JSON is encoded once, straight into the line's buffer.
 */
export function signBody(body: Readonly<Record<string, unknown>>, signer: Signer): SignedLine {
  const canonical = canonicalize(body);
  const size = Buffer.byteLength(canonical, "utf8");
  // The closing `}` (at layout index `size`) becomes `,` (or stays `{`'s neighbour for `{}`).
  const open = size === 2 ? SIG_KEY : `,${SIG_KEY}`;
  const layout = Buffer.allocUnsafe(size + open.length + ED25519_BASE64_LENGTH + SIG_END.length);
  layout[0] = 0;
  layout.write(canonical, 1, size, "utf8");
  const signature = signer.sign(layout.subarray(1, 1 + size));
  const base64 = Buffer.from(signature.buffer, signature.byteOffset, signature.byteLength).toString("base64");
  const tail = `${open}${base64}${SIG_END}`;
  if (size + tail.length === layout.length) {
    layout.write(tail, size, "latin1");
    return new SignedLine(layout);
  }
  // Not a 64-byte signature: lay the line out again at its real length.
  const sized = Buffer.allocUnsafe(size + tail.length);
  layout.copy(sized, 0, 0, size);
  sized.write(tail, size, "latin1");
  return new SignedLine(sized);
}
