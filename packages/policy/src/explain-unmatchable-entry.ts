import { compileAllowlist, splitToolRef } from "@sec0/core";

/** Why an allowlist entry can never match, and what to write instead (phrased to follow "Write"). */
export interface UnmatchableEntry {
  readonly why: string;
  readonly instead: string;
}

/** An entry split the way core's allowlist matcher splits it. */
interface EntryParts {
  /** The entry trimmed, as the matcher reads it. */
  readonly text: string;
  readonly tool?: string;
  readonly version?: string;
  /** Tool and version as written after the server, e.g. `read@1.0`; empty for `mcp://server`. */
  readonly name: string;
}

type Check = (parts: EntryParts) => UnmatchableEntry | undefined;

const EXAMPLE = "read_file@1.0";
const OBFUSCATED_EMAIL = /\[email(?:\s|&#160;|&nbsp;)*protected\]/i;
const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/;
const QUOTE = /["'`\u00b4\u00ab\u00bb\u2018-\u201f]/;
const DASH = /[\u2010-\u2015\u2212]/;
const OTHER_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
const MISSPELT_SCHEME = /^(?:mcp:(?!\/\/)\/?|mcp\/\/)/i;
const PLACEHOLDER = /<[^<>]*>|\{[^{}]*\}/;
const BRACKETS = /[()[\]{}<>]/g;
const PAIRS: Readonly<Record<string, string>> = { ")": "(", "]": "[", "}": "{", ">": "<" };

/**
 * Explains why an allowlist entry that compiles can still never match a tool reference, or
 * returns `undefined` when it can match. Reported: artefacts of copying anywhere in the entry
 * (`[email protected]`, quotes, invisible characters, placeholders, unbalanced brackets, a misspelt
 * scheme), and what no MCP tool name or version contains (spaces, commas, brackets, typographic
 * dashes, empty segments, a second `@`). A server name (`serverInfo.name`) is free text, so
 * spaces, commas and balanced parentheses inside it are left alone; percent escapes (`%2F`,
 * `%20`) are deliberate and never reported.
 *
 * @example
 * explainUnmatchableEntry("mcp://files/[email protected]")?.why; // "it contains \"[email protected]\", …"
 */
export function explainUnmatchableEntry(entry: string): UnmatchableEntry | undefined {
  const parts = partsOf(entry);
  if (parts === undefined) return undefined;
  for (const check of CHECKS) {
    const found = check(parts);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * Splits an entry as written (escapes such as `%2F` or `%20` left encoded: they are deliberate),
 * the way core reads it: the server ends at the first `/` after `mcp://`, the version starts after
 * the last `@`. Entries core does not compile are the schema's errors, not warnings.
 */
function partsOf(entry: string): EntryParts | undefined {
  if (!compiles(entry)) return undefined;
  const text = entry.trim();
  // `mcp://server` (a whole server) has no tool part; everything else splits as core splits it.
  if (text.slice(0, 6).toLowerCase() === "mcp://" && !text.slice(6).includes("/")) return { text, name: "" };
  const { tool, version } = splitToolRef(text);
  const name = version === undefined ? tool : `${tool}@${version}`;
  return version === undefined ? { text, tool, name } : { text, tool, version, name };
}

const quoted = (text: string) => JSON.stringify(text);
const codePoint = (char: string) => `U+${char.codePointAt(0)?.toString(16).toUpperCase().padStart(4, "0")}`;
const listOf = (items: readonly string[]) => `[${items.map(quoted).join(", ")}]`;
/** The text before the tool name: `mcp://server/` or nothing. */
const prefixOf = (parts: EntryParts) => parts.text.slice(0, parts.text.length - parts.name.length);

const obfuscatedEmail: Check = ({ text }) => {
  const found = OBFUSCATED_EMAIL.exec(text);
  if (found === null) return undefined;
  return {
    why: `it contains ${quoted(found[0])}, the text Cloudflare's e-mail obfuscation shows in place of anything that looks like an address (here a tool@version) on a copied web page; the original cannot be recovered from it`,
    instead: `the tool name and version it replaced, e.g. ${quoted(`${text.slice(0, found.index)}${EXAMPLE}`)}`,
  };
};

const invisible: Check = ({ text }) => {
  const found = INVISIBLE.exec(text);
  if (found === null) return undefined;
  return {
    why: `it contains an invisible character (${codePoint(found[0])}) copied along with the text`,
    instead: quoted(text.replace(new RegExp(INVISIBLE.source, "g"), "")),
  };
};

const quote: Check = ({ text }) => {
  const found = QUOTE.exec(text);
  if (found === null) return undefined;
  const stripped = text.replace(new RegExp(QUOTE.source, "g"), "").trim();
  return {
    why: `it contains the quote character ${found[0]}, which no tool reference has (quotes copied from a web page or word processor end up inside the value)`,
    instead: stripped.length > 0 ? quoted(stripped) : quoted(`mcp://server/${EXAMPLE}`),
  };
};

const misspeltScheme: Check = ({ text }) => {
  if (MISSPELT_SCHEME.test(text)) {
    return {
      why: 'it misspells the "mcp://" scheme, so it is read as a tool name',
      instead: quoted(`mcp://${text.replace(/^mcp:?\/*/i, "")}`),
    };
  }
  if (OTHER_SCHEME.test(text) && !/^mcp:\/\//i.test(text)) {
    return {
      why: "it is a URL; tools allowlists hold tool references, never URLs",
      instead: `a tool reference, e.g. ${quoted(`mcp://server/${EXAMPLE}`)}, and put hosts in security.egress_allowlist`,
    };
  }
  return undefined;
};

const severalEntries: Check = ({ text, name }) => {
  if (!name.includes(",")) return undefined;
  const pieces = text.split(/\s*,\s*/).filter((piece) => piece.length > 0);
  if (pieces.length === 1) {
    return {
      why: "it ends with a comma (left over from a JSON or inline list)",
      instead: quoted(pieces[0] ?? ""),
    };
  }
  if (!pieces.every(compiles)) return undefined;
  return {
    why: `it holds ${pieces.length} entries in one string`,
    instead: `each as its own list item: ${listOf(pieces)}`,
  };
};

const whitespace: Check = (parts) => {
  const { text, name } = parts;
  if (!/\s/.test(text)) return undefined;
  const collapsed = text.replace(/\s*([/@])\s*/g, "$1");
  if (collapsed !== text) {
    return { why: 'it has a space next to "/" or "@", which no name has', instead: quoted(collapsed) };
  }
  if (!/\s/.test(name)) return undefined; // spaces inside a server name are allowed
  return {
    why: "tool names and versions contain no spaces",
    instead: `the name exactly as the server's tools/list gives it, e.g. ${quoted(`${prefixOf(parts)}${name.replace(/\s+/g, "_")}`)}`,
  };
};

const placeholder: Check = ({ text }) => {
  const found = PLACEHOLDER.exec(text);
  if (found === null) return undefined;
  return {
    why: `it contains the template placeholder ${quoted(found[0])}`,
    instead: `the real server, tool and version in its place, e.g. ${quoted(`mcp://files/${EXAMPLE}`)}`,
  };
};

const unbalanced: Check = ({ text }) => {
  const open: string[] = [];
  for (const char of text.match(BRACKETS) ?? []) {
    const opener = PAIRS[char];
    if (opener === undefined) open.push(char);
    else if (open.at(-1) === opener) open.pop();
    else return bracketFix(text, `it has an unbalanced ${quoted(char)}`);
  }
  return open.length === 0 ? undefined : bracketFix(text, `it has an unbalanced ${quoted(open[0] ?? "")}`);
};

const bracketInName: Check = ({ text, name }) =>
  /[()[\]{}<>]/.test(name) ? bracketFix(text, "tool names and versions contain no brackets") : undefined;

function bracketFix(text: string, why: string): UnmatchableEntry {
  const stripped = text.replace(BRACKETS, "");
  return { why, instead: quoted(stripped.length > 0 ? stripped : `mcp://server/${EXAMPLE}`) };
}

const dash: Check = ({ text, name }) => {
  const found = DASH.exec(name);
  if (found === null) return undefined;
  return {
    why: `it contains a typographic dash (${codePoint(found[0])}) where tool names have a hyphen "-"`,
    instead: quoted(text.replace(new RegExp(DASH.source, "g"), "-")),
  };
};

const emptySegment: Check = (parts) => {
  const { tool } = parts;
  if (tool === undefined || !(tool.startsWith("/") || tool.endsWith("/") || tool.includes("//")))
    return undefined;
  const fixedTool = tool.replace(/\/{2,}/g, "/").replace(/^\/|\/$/g, "");
  const version = parts.version === undefined ? "" : `@${parts.version}`;
  return {
    why: 'it has an empty segment ("//", or a "/" at either end of the tool name)',
    instead: quoted(`${prefixOf(parts)}${fixedTool}${version}`),
  };
};

const manyAts: Check = (parts) => {
  if (parts.tool?.includes("@") !== true) return undefined;
  const [tool = "", ...rest] = parts.name.split("@");
  const versions = rest.filter((version) => version.length > 0);
  const refs = versions.map((version) => `${prefixOf(parts)}${tool}@${version}`);
  return {
    why: 'it has more than one "@"; a reference has one, between the tool name and its version',
    instead: refs.length === 1 ? quoted(refs[0] ?? "") : `one entry per version: ${listOf(refs)}`,
  };
};

function compiles(entry: string): boolean {
  try {
    compileAllowlist([entry]);
    return true;
  } catch {
    return false;
  }
}

/** In order: the first that applies explains the entry. */
const CHECKS: readonly Check[] = [
  obfuscatedEmail,
  invisible,
  quote,
  misspeltScheme,
  severalEntries,
  whitespace,
  placeholder,
  unbalanced,
  bracketInName,
  dash,
  emptySegment,
  manyAts,
];
