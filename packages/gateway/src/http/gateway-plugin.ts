import { A2aInvokeRequestSchema, GATEWAY_A2A_ROUTE, GATEWAY_MCP_ROUTE } from "@sec0/core/contracts";
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import type { GatewayRuntime } from "../pipeline/gateway-runtime.js";
import { handleInvocation } from "../pipeline/handle-invocation.js";
import { type Invocation, isRoutableServer, splitToolAtVersion } from "../pipeline/invocation.js";
import { GatewayError } from "./gateway-error.js";
import { readiness } from "./readiness.js";
import { refuseRequest } from "./refuse-request.js";
import { send } from "./send-answer.js";

/** Options of the {@link sec0Gateway} Fastify plugin. */
export interface Sec0GatewayPluginOptions {
  /** The runtime (`createGateway(options)`); the plugin closes it when Fastify closes. */
  readonly runtime: GatewayRuntime;
}

const BODY = Symbol("sec0.body");
type WithBody = FastifyRequest & { [BODY]?: { bytes: number } };

/**
 * The gateway as a Fastify plugin, to mount in your own Fastify app: `POST
 * /mcp/{server}/{tool@version}`, `POST /a2a/invoke`, `GET /healthz` and `GET /readyz`. Bodies
 * are refused with 413 while they are read past `limits.maxBodyBytes`; JSON that is not an object
 * is 400; every refusal gets an audit record and the hop ids. Create your Fastify app with
 * `routerOptions: { maxParamLength: 4096 }` so that over-long names get the gateway's 400 rather
 * than the router's 414.
 *
 * @example
 * const app = Fastify();
 * await app.register(sec0Gateway, { runtime: createGateway({ tenant: "acme", targets, audit }) });
 */
export const sec0Gateway: FastifyPluginAsync<Sec0GatewayPluginOptions> = async (app, { runtime }) => {
  installBodyParser(app, runtime);
  app.setErrorHandler((error, request, reply) => refuseRequest(runtime, request, reply, error));
  app.post<{ Params: { server: string; toolAtVersion: string } }>(
    GATEWAY_MCP_ROUTE,
    async (request, reply) => {
      const { server, toolAtVersion } = request.params;
      return invoke(runtime, request, reply, "mcp", server, toolAtVersion, request.body ?? {});
    },
  );
  app.post(GATEWAY_A2A_ROUTE, async (request, reply) => {
    const parsed = A2aInvokeRequestSchema.safeParse(request.body);
    if (!parsed.success) {
      throw new GatewayError(
        "BAD_REQUEST",
        "The body must be {to, toolAtVersion, args?} with a JSON object as args.",
      );
    }
    return invoke(
      runtime,
      request,
      reply,
      "a2a",
      parsed.data.to,
      parsed.data.toolAtVersion,
      parsed.data.args ?? {},
    );
  });
  app.setNotFoundHandler((request, reply) =>
    reply
      .code(404)
      .type("application/problem+json")
      .send({
        error: "NOT_FOUND",
        message: `No gateway route ${request.method} ${request.url.split("?")[0]?.slice(0, 200)}.`,
        status: 404,
        code: "NOT_FOUND",
      }),
  );
  app.get("/healthz", async () => ({ status: "ok" }));
  app.get("/readyz", async (_request, reply) => {
    const report = await readiness(runtime);
    return reply.code(report.ready ? 200 : 503).send(report);
  });
  app.addHook("onClose", async () => {
    await runtime.close();
  });
};

// Plugins registered with this symbol share the parent's scope (fastify-plugin's convention), so
// the routes mount where the user registers them.
(sec0Gateway as unknown as Record<symbol, boolean>)[Symbol.for("skip-override")] = true;

async function invoke(
  runtime: GatewayRuntime,
  request: FastifyRequest,
  reply: FastifyReply,
  route: Invocation["route"],
  server: string,
  toolAtVersion: string,
  body: unknown,
): Promise<FastifyReply> {
  const started = performance.now();
  const split = splitToolAtVersion(toolAtVersion);
  if (!isRoutableServer(server) || split === undefined) {
    throw new GatewayError(
      "BAD_REQUEST",
      "The server or tool name is empty, too long or holds control characters.",
    );
  }
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    throw new GatewayError("BAD_REQUEST", "The body must be a JSON object (the tool's arguments).");
  }
  const answer = await handleInvocation(runtime, {
    route,
    server,
    toolAtVersion,
    ...split,
    args: body as Record<string, unknown>,
    headers: request.headers,
    bodyBytes: (request as WithBody)[BODY]?.bytes ?? 0,
  });
  const denial = (answer.body as { denial_reason?: unknown } | null)?.denial_reason;
  runtime.metrics.recordCall(
    answer.status,
    typeof denial === "string" ? denial : undefined,
    performance.now() - started,
  );
  if (route === "mcp" && request.headers.traceparent !== undefined && answer.status < 400) {
    answer.headers.traceparent = `00-${answer.headers["x-trace-id"]}-${answer.headers["x-span-id"]}-01`;
  }
  return send(reply, answer);
}

function installBodyParser(app: FastifyInstance, runtime: GatewayRuntime): void {
  const parseJson = app.getDefaultJsonParser("error", "error");
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    "*",
    { parseAs: "string", bodyLimit: runtime.limits.maxBodyBytes },
    (request, text, done) => {
      const body = text as string;
      (request as WithBody)[BODY] = { bytes: Buffer.byteLength(body) };
      if (body.trim().length === 0) return done(null, {});
      parseJson(request, body, (error, value) => {
        if (error) return done(new GatewayError("BAD_REQUEST", "The body is not valid JSON."), undefined);
        done(null, value);
      });
    },
  );
}
