// Finds the code blocks a README marks as runnable: a fenced block directly preceded by the line
// `<!-- quickstart -->` (blank lines between them allowed). The marker is invisible on GitHub and
// npm, so the README reads as usual while the docs tests know which blocks must run as pasted.

/** The HTML comment that marks the next fenced code block as a quickstart that must run as pasted. */
export const QUICKSTART_MARKER = "<!-- quickstart -->";

/** A marked code block: its fence language, its code, and the 1-based line of its first code line. */
export interface MarkedBlock {
  readonly lang: string;
  readonly code: string;
  readonly line: number;
}

/**
 * Every block marked with {@link QUICKSTART_MARKER}, in document order. A marker not followed by a
 * fenced block is an error, so a broken marker cannot silently drop a quickstart from the tests.
 */
export function extractQuickstartBlocks(markdown: string): MarkedBlock[] {
  return extractMarkedBlocks(markdown, QUICKSTART_MARKER);
}

/**
 * The one block marked `<!-- example: <name> -->` (a runnable example that is not the README's
 * quickstart).
 *
 * @throws {Error} when the marker is missing or not followed by a fenced block.
 */
export function extractExampleBlock(markdown: string, name: string): MarkedBlock {
  const marker = `<!-- example: ${name} -->`;
  const [block] = extractMarkedBlocks(markdown, marker);
  if (block === undefined) throw new Error(`${marker} not found`);
  return block;
}

/** Every fenced block directly preceded by the line `marker`, in document order. */
function extractMarkedBlocks(markdown: string, marker: string): MarkedBlock[] {
  const lines = markdown.split(/\r?\n/);
  const blocks: MarkedBlock[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    if (lines[i]?.trim() !== marker) continue;
    let open = i + 1;
    while (open < lines.length && lines[open]?.trim() === "") open += 1;
    const fence = /^(`{3,})([\w-]*)\s*$/.exec(lines[open] ?? "");
    if (fence === null) {
      throw new Error(`line ${i + 1}: ${marker} must be followed by a fenced code block`);
    }
    const [, ticks = "```", lang = ""] = fence;
    const close = lines.findIndex((text, index) => index > open && text.trim() === ticks);
    if (close === -1) throw new Error(`line ${open + 1}: the quickstart block is never closed`);
    blocks.push({ lang, code: `${lines.slice(open + 1, close).join("\n")}\n`, line: open + 2 });
    i = close;
  }
  return blocks;
}

/**
 * The code of the `<!-- example: name -->` block, which must be JavaScript (it runs as a .mjs
 * file); `langs` are the fence languages accepted (default none, `js`, `javascript`).
 *
 * @throws {Error} when the marker is missing or its block is in another language.
 */
export function extractJsExample(
  markdown: string,
  name: string,
  langs: readonly string[] = ["", "js", "javascript"],
): string {
  const block = extractExampleBlock(markdown, name);
  if (!langs.includes(block.lang)) throw new Error(`<!-- example: ${name} --> is not followed by a js block`);
  return block.code;
}

/** What each `console.log(...); // <expected>` line of an example promises to print, in order. */
export function promisedOutput(code: string): string[] {
  return code
    .split("\n")
    .filter((line) => line.startsWith("console.log("))
    .map((line) => (line.split("// ")[1] ?? "").trim());
}
