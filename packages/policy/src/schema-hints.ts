/** A JSON Schema object as a tool declares it in `inputSchema` (untrusted shape: every read is checked). */
export type SchemaNode = Readonly<Record<string, unknown>>;

/** Where a value sits in the tool's input schema: its schema, and whether the schema declares it. */
export interface SchemaPlace {
  readonly schema: SchemaNode | undefined;
  /** True when an explicit `properties` / `items` entry covers the value (no `$ref` to follow). */
  readonly declared: boolean;
}

/** A value the schema says nothing about. */
export const UNDECLARED: SchemaPlace = Object.freeze({ schema: undefined, declared: false });

/** What a `format` says about a string: an absolute URI, a URI reference, or nothing. */
export type UriFormat = "uri" | "uri-reference" | undefined;

const COMBINATORS = ["anyOf", "oneOf", "allOf"] as const;

/** The root of an input schema, when it is an object. */
export function rootPlace(inputSchema: unknown): SchemaPlace {
  const schema = asNode(inputSchema);
  return schema === undefined ? UNDECLARED : { schema, declared: false };
}

/** The place of property `key` of an object at `place`. */
export function propertyPlace(place: SchemaPlace, key: string): SchemaPlace {
  if (place.schema === undefined) return UNDECLARED;
  if (isPlain(place.schema)) {
    const properties = asNode(place.schema.properties);
    const child =
      properties !== undefined && Object.hasOwn(properties, key) ? asNode(properties[key]) : undefined;
    return child === undefined ? UNDECLARED : { schema: child, declared: typeof child.$ref !== "string" };
  }
  const found: SchemaNode[] = [];
  for (const branch of branchesOf(place.schema)) {
    const properties = asNode(branch.properties);
    const child =
      properties !== undefined && Object.hasOwn(properties, key) ? asNode(properties[key]) : undefined;
    if (child !== undefined) found.push(child);
  }
  return placeOf(found);
}

/** The place of element `index` of an array at `place` (`items`, `prefixItems`, draft-4 tuples). */
export function itemPlace(place: SchemaPlace, index: number): SchemaPlace {
  if (place.schema === undefined) return UNDECLARED;
  const found: SchemaNode[] = [];
  for (const branch of branchesOf(place.schema)) {
    const prefix = Array.isArray(branch.prefixItems) ? asNode(branch.prefixItems[index]) : undefined;
    const items = Array.isArray(branch.items) ? asNode(branch.items[index]) : asNode(branch.items);
    const child = prefix ?? items;
    if (child !== undefined) found.push(child);
  }
  return placeOf(found);
}

/** The URI `format` of the schema at `place` (`uri`, `iri` → `uri`; `uri-reference`, `iri-reference`). */
export function uriFormatOf(place: SchemaPlace): UriFormat {
  if (place.schema === undefined) return undefined;
  if (isPlain(place.schema) && place.schema.format === undefined) return undefined;
  let format: UriFormat;
  for (const branch of branchesOf(place.schema)) {
    const value = typeof branch.format === "string" ? branch.format.toLowerCase() : "";
    if (value === "uri" || value === "iri") return "uri";
    if (value === "uri-reference" || value === "iri-reference") format = "uri-reference";
  }
  return format;
}

function placeOf(found: readonly SchemaNode[]): SchemaPlace {
  if (found.length === 0) return UNDECLARED;
  const schema = found.length === 1 ? (found[0] as SchemaNode) : { anyOf: found };
  // A `$ref` is not followed: what it points to is not known here, so the value is in doubt.
  return { schema, declared: !found.some((node) => typeof node.$ref === "string") };
}

/** True for a node without combinators: the common case, looked up without building lists. */
function isPlain(node: SchemaNode): boolean {
  return node.anyOf === undefined && node.oneOf === undefined && node.allOf === undefined;
}

/** The node itself and the members of its combinators, two levels deep. */
function branchesOf(node: SchemaNode, depth = 0): readonly SchemaNode[] {
  const out = [node];
  if (depth >= 2) return out;
  for (const combinator of COMBINATORS) {
    const members = node[combinator];
    if (!Array.isArray(members)) continue;
    for (const member of members) {
      const child = asNode(member);
      if (child !== undefined) out.push(...branchesOf(child, depth + 1));
    }
  }
  return out;
}

function asNode(value: unknown): SchemaNode | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as SchemaNode)
    : undefined;
}
