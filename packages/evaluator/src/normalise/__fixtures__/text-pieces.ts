/**
 * Building blocks of random strings for the property tests of the view signals: characters that
 * start or break base64 runs, hex escapes, leet tokens, look-alike and non-ASCII letters.
 */
export const TEXT_PIECES: readonly string[] = [
  "a", "Q", "z", "0", "1", "3", "2", " ", "@", "$", "|", "!", "%2", "0", "\\x", "4",
  "+", "/", "-", "_", "=", ".", "é", "о", "\n",
];
