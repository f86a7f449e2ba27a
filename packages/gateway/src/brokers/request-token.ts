import { readBodyLimited } from "@sec0/core";
import { type Dispatcher, fetch } from "undici";
import { brokerUnavailable } from "./broker-failure.js";

/** One token request to an OAuth 2.0 token endpoint. */
export interface TokenRequest {
  readonly server: string;
  readonly tokenUrl: string;
  /** Form parameters (grant_type, …); the client secret goes in `basicAuth`, not here. */
  readonly form: Readonly<Record<string, string>>;
  /** client_secret_basic (RFC 6749 §2.3.1), when the client has a secret. */
  readonly basicAuth?: { readonly clientId: string; readonly clientSecret: string };
  readonly timeoutMs: number;
  readonly dispatcher: Dispatcher;
  /** Accept `issued_token_type`-style `token_type: N_A` (RFC 8693 §2.2.1). */
  readonly allowNaTokenType?: boolean;
}

/** A token and how long it lives (undefined when the endpoint did not say). */
export interface IssuedToken {
  readonly accessToken: string;
  readonly expiresInSec: number | undefined;
}

const MAX_RESPONSE_BYTES = 65_536;
const TOKEN = /^[\x21-\x7e]{1,8192}$/;
const OAUTH_ERROR = /^[a-z_]{1,64}$/;

/**
 * POSTs a token request and returns the access token. Non-2xx, a body that is not a JSON token
 * response, a redirect, a timeout and network errors all reject; no message or detail ever holds
 * the response body, the token or the client secret.
 *
 * @throws {Sec0Error} `GATEWAY_BROKER_UNAVAILABLE`.
 */
export async function requestToken(request: TokenRequest): Promise<IssuedToken> {
  const { server } = request;
  const headers: Record<string, string> = {
    "content-type": "application/x-www-form-urlencoded",
    accept: "application/json",
  };
  if (request.basicAuth !== undefined) {
    const { clientId, clientSecret } = request.basicAuth;
    const pair = `${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`;
    headers.authorization = `Basic ${Buffer.from(pair).toString("base64")}`;
  }
  const signal = AbortSignal.timeout(request.timeoutMs);
  let text: string;
  let status: number;
  try {
    const response = await fetch(request.tokenUrl, {
      method: "POST",
      headers,
      body: new URLSearchParams(request.form).toString(),
      redirect: "error",
      signal,
      dispatcher: request.dispatcher,
    });
    status = response.status;
    const body = await readBodyLimited(response, MAX_RESPONSE_BYTES);
    if (!body.ok) throw new RangeError("token response too large");
    text = new TextDecoder().decode(body.bytes);
  } catch (error) {
    if (signal.aborted) {
      throw brokerUnavailable(
        server,
        "token_endpoint_timeout",
        `the token endpoint did not answer within ${request.timeoutMs} ms.`,
      );
    }
    const reason =
      (error as { name?: string }).name === "RangeError"
        ? "token_response_invalid"
        : "token_endpoint_unreachable";
    throw brokerUnavailable(server, reason, "the token endpoint could not be reached or read.");
  }
  return parseTokenResponse(server, status, text, request.allowNaTokenType === true);
}

function parseTokenResponse(server: string, status: number, text: string, allowNa: boolean): IssuedToken {
  const body = parseJson(text);
  if (status < 200 || status > 299) {
    const oauthError =
      typeof body?.error === "string" && OAUTH_ERROR.test(body.error) ? body.error : undefined;
    throw brokerUnavailable(
      server,
      "token_endpoint_status",
      `the token endpoint answered ${status}${oauthError === undefined ? "" : ` (${oauthError})`}.`,
      {
        status,
        ...(oauthError === undefined ? {} : { oauthError }),
      },
    );
  }
  const invalid = (why: string) =>
    brokerUnavailable(server, "token_response_invalid", `the token response ${why}.`, { status });
  if (body === undefined) throw invalid("is not a JSON object");
  if (typeof body.access_token !== "string" || !TOKEN.test(body.access_token))
    throw invalid("has no usable access_token");
  const type = body.token_type;
  if (
    type !== undefined &&
    !(typeof type === "string" && (/^bearer$/i.test(type) || (allowNa && type === "N_A")))
  ) {
    throw invalid("has a token_type other than Bearer");
  }
  const expiresIn =
    typeof body.expires_in === "string" && /^\d{1,10}$/.test(body.expires_in)
      ? Number(body.expires_in)
      : body.expires_in;
  if (
    expiresIn !== undefined &&
    !(typeof expiresIn === "number" && Number.isFinite(expiresIn) && expiresIn >= 0)
  ) {
    throw invalid("has an expires_in that is not a number of seconds");
  }
  return { accessToken: body.access_token, expiresInSec: expiresIn };
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === "object" && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
