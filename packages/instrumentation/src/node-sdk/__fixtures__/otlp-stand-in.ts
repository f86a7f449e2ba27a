// A local OTLP/HTTP collector stand-in on 127.0.0.1 (port 0) for the node-sdk tests: it accepts
// POST /v1/traces with OTLP JSON (http/json) and keeps the spans it got.
import { startTestServer, type TestServer } from "@sec0/testkit";

/** One exported span, as OTLP JSON carries it, with its resource's string attributes. */
export interface ReceivedSpan {
  readonly name: string;
  readonly traceId: string;
  readonly spanId: string;
  readonly resource: Readonly<Record<string, string | undefined>>;
}

interface OtlpJson {
  readonly resourceSpans?: ReadonlyArray<{
    readonly resource?: { readonly attributes?: ReadonlyArray<{ key: string; value: { stringValue?: string } }> };
    readonly scopeSpans?: ReadonlyArray<{
      readonly spans?: ReadonlyArray<{ name: string; traceId: string; spanId: string }>;
    }>;
  }>;
}

/** The stand-in: its base URL (for OTEL_EXPORTER_OTLP_ENDPOINT) and what it received. */
export interface OtlpStandIn {
  readonly server: TestServer;
  /** Every span of every POST /v1/traces so far. */
  spans(): ReceivedSpan[];
}

/** Starts the stand-in; close `server` in `afterAll`. */
export async function startOtlpStandIn(): Promise<OtlpStandIn> {
  const server = await startTestServer();
  server.handle((request, response) => {
    const ok = request.method === "POST" && request.url === "/v1/traces";
    response.writeHead(ok ? 200 : 404, { "content-type": "application/json" }).end(ok ? "{}" : "");
  });
  const spans = (): ReceivedSpan[] =>
    server.requests
      .filter((request) => request.url === "/v1/traces")
      .flatMap((request) => (JSON.parse(request.body) as OtlpJson).resourceSpans ?? [])
      .flatMap((resourceSpans) => {
        const resource = Object.fromEntries(
          (resourceSpans.resource?.attributes ?? []).map((item) => [item.key, item.value.stringValue]),
        );
        return (resourceSpans.scopeSpans ?? []).flatMap((scope) =>
          (scope.spans ?? []).map((span) => ({ ...span, resource })),
        );
      });
  return { server, spans };
}
