import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { type ZodType, z } from "zod";
import { httpError } from "../errors.js";

/** An HTTP method the control plane serves. */
export type RouteMethod = "GET" | "POST" | "PUT" | "DELETE";

/** The parsed parts of a request, as the route's schemas describe them. */
export interface ParsedRequest<P, Q, B> {
  readonly params: P;
  readonly query: Q;
  readonly body: B;
  readonly request: FastifyRequest;
  readonly reply: FastifyReply;
}

/** One route: its schemas (the single source of validation and of the OpenAPI document). */
export interface RouteSpec<P, Q, B> {
  readonly method: RouteMethod;
  /** Fastify path, e.g. `/api/escalations/:id`. */
  readonly url: string;
  readonly summary: string;
  readonly tags?: readonly string[];
  readonly params?: ZodType<P>;
  readonly query?: ZodType<Q>;
  /** JSON body schema; leave out for bodies a route reads itself (YAML policies). */
  readonly body?: ZodType<B>;
  /** Response schemas by status, for the OpenAPI document. */
  readonly responses?: Readonly<Record<number, ZodType | string>>;
  /** Content type of a body the route reads raw (e.g. `text/yaml`); documented only. */
  readonly rawBody?: string;
}

/** What `/openapi.json` is built from. */
export interface RouteRegistry {
  readonly routes: RouteSpec<unknown, unknown, unknown>[];
}

/** A fresh, empty registry. */
export function createRouteRegistry(): RouteRegistry {
  return { routes: [] };
}

/**
 * Registers a route whose params, query and body are parsed with its zod schemas before the
 * handler runs: a request that does not match gets `CP_REQUEST_INVALID` (400) naming each bad
 * field, and the handler never sees it. The spec also goes into `registry` for `/openapi.json`.
 *
 * @example
 * defineRoute(app, registry, { method: "GET", url: "/api/things/:id", summary: "A thing",
 *   params: z.strictObject({ id: z.string() }) }, async ({ params }) => ({ id: params.id }));
 */
export function defineRoute<P = undefined, Q = undefined, B = undefined>(
  app: FastifyInstance,
  registry: RouteRegistry,
  spec: RouteSpec<P, Q, B>,
  handler: (parsed: ParsedRequest<P, Q, B>) => Promise<unknown>,
): void {
  registry.routes.push(spec as RouteSpec<unknown, unknown, unknown>);
  app.route({
    method: spec.method,
    url: spec.url,
    handler: async (request, reply) => {
      const params = parsePart(spec.params, request.params, "params");
      const query = parsePart(spec.query, request.query, "query");
      const body = parsePart(spec.body, request.body, "body");
      return handler({ params, query, body, request, reply } as ParsedRequest<P, Q, B>);
    },
  });
}

function parsePart<T>(schema: ZodType<T> | undefined, value: unknown, where: string): T | undefined {
  if (schema === undefined) return undefined;
  const parsed = schema.safeParse(value ?? (where === "body" ? undefined : {}));
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => ({
    path: [where, ...issue.path.map(String)].join("."),
    message: issue.message,
  }));
  const first = issues[0];
  throw httpError(
    "CP_REQUEST_INVALID",
    `The request's ${where} is invalid${first === undefined ? "" : `: ${first.path}: ${first.message}`}.`,
    { issues },
  );
}

/** The OpenAPI 3.1 document of every registered route (schemas from zod's own JSON Schema). */
export function openApiDocument(registry: RouteRegistry, version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of registry.routes) {
    const path = route.url.replace(/:([A-Za-z0-9_]+)/g, "{$1}");
    const operation: Record<string, unknown> = { summary: route.summary, tags: route.tags ?? [] };
    const parameters: unknown[] = [];
    for (const [where, schema] of [
      ["path", route.params],
      ["query", route.query],
    ] as const) {
      const json =
        schema === undefined
          ? undefined
          : (jsonSchema(schema) as { properties?: Record<string, unknown>; required?: string[] });
      for (const [name, property] of Object.entries(json?.properties ?? {})) {
        parameters.push({
          name,
          in: where,
          required: where === "path" || (json?.required ?? []).includes(name),
          schema: property,
        });
      }
    }
    if (parameters.length > 0) operation.parameters = parameters;
    if (route.body !== undefined) {
      operation.requestBody = {
        required: true,
        content: { "application/json": { schema: jsonSchema(route.body) } },
      };
    } else if (route.rawBody !== undefined) {
      operation.requestBody = {
        required: true,
        content: { [route.rawBody]: { schema: { type: "string" } } },
      };
    }
    const responses: Record<string, unknown> = {};
    for (const [status, schema] of Object.entries(route.responses ?? { 200: "OK" })) {
      responses[status] =
        typeof schema === "string"
          ? { description: schema }
          : { description: "OK", content: { "application/json": { schema: jsonSchema(schema) } } };
    }
    responses.default = {
      description: "An RFC 9457 problem with a stable code",
      content: { "application/problem+json": { schema: { type: "object" } } },
    };
    operation.responses = responses;
    paths[path] = { ...paths[path], [route.method.toLowerCase()]: operation };
  }
  return { openapi: "3.1.0", info: { title: "sec0 control plane", version }, paths };
}

function jsonSchema(schema: ZodType): unknown {
  try {
    return z.toJSONSchema(schema, { unrepresentable: "any", io: "input" });
  } catch {
    return {};
  }
}
