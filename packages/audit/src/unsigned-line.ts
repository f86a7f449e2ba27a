import { canonicalize } from "@sec0/core";
import { LineLayout } from "./line-layout.js";

/**
 * A record line written without a signature (`signing: "checkpoint"`): exactly the RFC 8785
 * canonical JSON of the record, chained, and signed only through the next checkpoint's tree head.
 * Same layout and hashes as a {@link SignedLine}.
 */
export class UnsignedLine extends LineLayout {}

/**
 * Canonicalises `body` (which must not hold `sig`) once, straight into one buffer laid out as
 * `0x00 ‖ canonical ‖ "\n"`: the same bytes give the file line, the chain hash and the leaf hash.
 */
export function unsignedBody(body: Readonly<Record<string, unknown>>): UnsignedLine {
  const canonical = canonicalize(body);
  const size = Buffer.byteLength(canonical, "utf8");
  const layout = Buffer.allocUnsafe(size + 2);
  layout[0] = 0;
  layout.write(canonical, 1, size, "utf8");
  layout[size + 1] = 0x0a;
  return new UnsignedLine(layout);
}
