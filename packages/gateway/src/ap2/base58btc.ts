const ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
const VALUES = new Map([...ALPHABET].map((char, index) => [char, index]));

/** Longest base58 text accepted: did:key identifiers are under 60 characters. */
const MAX_BASE58_LENGTH = 256;

/**
 * Decodes Bitcoin-alphabet base58 (multibase prefix `z` already removed), or `undefined` for text
 * outside the alphabet or longer than 256 characters.
 *
 * @example
 * decodeBase58btc("2g"); // Uint8Array [ 97 ] ("a")
 */
export function decodeBase58btc(text: string): Uint8Array | undefined {
  if (text.length === 0 || text.length > MAX_BASE58_LENGTH) return undefined;
  const bytes: number[] = [];
  for (const char of text) {
    const value = VALUES.get(char);
    if (value === undefined) return undefined;
    let carry = value;
    for (let index = 0; index < bytes.length; index += 1) {
      carry += (bytes[index] as number) * 58;
      bytes[index] = carry & 0xff;
      carry >>= 8;
    }
    while (carry > 0) {
      bytes.push(carry & 0xff);
      carry >>= 8;
    }
  }
  let zeros = 0;
  while (text[zeros] === "1") zeros += 1;
  return Uint8Array.from([...new Array<number>(zeros).fill(0), ...bytes.reverse()]);
}
