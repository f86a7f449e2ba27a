import { isMap, isScalar, LineCounter, parseDocument } from "yaml";

/** An agent policy with `tenant:` written in, and the 1-based line it was written on. */
export interface TenantInsertion {
  readonly text: string;
  readonly line: number;
}

/**
 * Where to write `tenant:` into an agent policy that has none: above the first key of its
 * top-level block mapping. Undefined when the text has a tenant, does not parse, or is not a
 * block mapping starting a line (then it is validated as sent).
 *
 * @example
 * tenantInsertion("tools: {}\n", "acme"); // { text: 'tenant: "acme"\ntools: {}\n', line: 1 }
 */
export function tenantInsertion(text: string, tenant: string): TenantInsertion | undefined {
  const doc = parseDocument(text, { prettyErrors: false });
  if (doc.errors.length > 0 || !isMap(doc.contents) || doc.contents.flow === true) return undefined;
  if (doc.contents.has("tenant")) return undefined;
  const offset = doc.contents.range?.[0];
  if (offset === undefined || (offset > 0 && text[offset - 1] !== "\n")) return undefined;
  const line = text.slice(0, offset).split("\n").length;
  return { text: `${text.slice(0, offset)}tenant: ${JSON.stringify(tenant)}\n${text.slice(offset)}`, line };
}

/**
 * A line of the text with `tenant:` inserted, as a line of the text as sent (lines after the
 * inserted one move up by one).
 */
export function lineAsSent(line: number | undefined, insertedLine: number | undefined): number | undefined {
  return line !== undefined && insertedLine !== undefined && line > insertedLine ? line - 1 : line;
}

/**
 * The 1-based line and column of the top-level `tenant:` value (else its key) in policy YAML,
 * or `undefined` when the text has none.
 *
 * @example
 * tenantPosition("# acme\ntenant: beta\n"); // { line: 2, column: 9 }
 */
export function tenantPosition(text: string): { line: number; column: number } | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (!isMap(doc.contents)) return undefined;
  const pair = doc.contents.items.find((item) => isScalar(item.key) && item.key.value === "tenant");
  const node =
    (isScalar(pair?.value) ? pair?.value : undefined) ?? (isScalar(pair?.key) ? pair?.key : undefined);
  const offset = node?.range?.[0];
  if (offset === undefined) return undefined;
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}
