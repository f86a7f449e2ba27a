// A local OAuth 2.0 token endpoint on 127.0.0.1 that plays RFC 6749 §4.4 and RFC 8693.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedTokenRequest {
  readonly form: URLSearchParams;
  readonly authorization: string | undefined;
}

export interface OAuthTokenServer {
  readonly url: string;
  readonly requests: RecordedTokenRequest[];
  /** How to answer; default issues `token-<n>` valid for `expiresIn` seconds. */
  respond: (request: RecordedTokenRequest, response: ServerResponse, count: number) => void;
  expiresIn: number;
  close(): Promise<void>;
}

export async function startOAuthTokenServer(): Promise<OAuthTokenServer> {
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    let body = "";
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => {
      body += chunk;
    });
    request.on("end", () => {
      const recorded = { form: new URLSearchParams(body), authorization: request.headers.authorization };
      state.requests.push(recorded);
      state.respond(recorded, response, state.requests.length);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const state: OAuthTokenServer = {
    url: `http://127.0.0.1:${port}/oauth/token`,
    requests: [],
    expiresIn: 3600,
    respond: (_request, response, count) => {
      // A little latency so that concurrent callers really overlap.
      setTimeout(() => {
        response.writeHead(200, { "content-type": "application/json" });
        response.end(JSON.stringify({ access_token: `token-${count}`, token_type: "Bearer", expires_in: state.expiresIn }));
      }, 20);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return state;
}
