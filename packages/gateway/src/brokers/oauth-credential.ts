import { sha256Hex } from "@sec0/core";
import type { Dispatcher } from "undici";
import type { BrokerCallContext } from "./broker-config.js";
import { brokerUnavailable } from "./broker-failure.js";
import type { TokenCache } from "./create-token-cache.js";
import { readSecret, type SecretSource } from "./read-secret.js";
import { requestToken } from "./request-token.js";
import type { SecretRef } from "./secret-ref.js";

const TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
const ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";

/** A validated OAuth client of one broker entry. */
export interface OAuthClient {
  readonly server: string;
  readonly grant: "client_credentials" | "token_exchange";
  readonly tokenUrl: string;
  readonly clientId: string;
  readonly clientSecret?: SecretRef;
  readonly audience?: string;
  readonly scope?: string;
}

/** What an OAuth credential needs from the broker. */
export interface OAuthRuntime {
  readonly cache: TokenCache;
  readonly dispatcher: Dispatcher;
  readonly secrets: SecretSource;
  readonly timeoutMs: number;
  readonly refreshMarginSec: number;
}

/**
 * An access token for the client: client credentials (RFC 6749 §4.4), or RFC 8693 token exchange
 * of the caller's token. Cached until `expires_in` minus the margin (per caller token for an
 * exchange, keyed by its digest), one request in flight per key.
 *
 * @throws {Sec0Error} `GATEWAY_BROKER_UNAVAILABLE`.
 */
export function oauthToken(
  client: OAuthClient,
  runtime: OAuthRuntime,
  context: BrokerCallContext,
): Promise<string> {
  const form: Record<string, string> = {
    grant_type: client.grant === "token_exchange" ? TOKEN_EXCHANGE : "client_credentials",
  };
  let key = `cc\n${client.server}`;
  if (client.grant === "token_exchange") {
    const subject = context.subjectToken?.trim() ?? "";
    if (subject === "") {
      return Promise.reject(
        brokerUnavailable(
          client.server,
          "subject_token_missing",
          "the call carries no caller token to exchange.",
        ),
      );
    }
    form.subject_token = subject;
    form.subject_token_type = ACCESS_TOKEN_TYPE;
    key = `tx\n${client.server}\n${sha256Hex(subject)}`;
  }
  if (client.audience !== undefined) form.audience = client.audience;
  if (client.scope !== undefined) form.scope = client.scope;
  return runtime.cache.get(key, async () => {
    const secret =
      client.clientSecret === undefined
        ? undefined
        : readSecret(client.server, client.clientSecret, runtime.secrets);
    if (secret === undefined) form.client_id = client.clientId;
    const issued = await requestToken({
      server: client.server,
      tokenUrl: client.tokenUrl,
      form,
      basicAuth: secret === undefined ? undefined : { clientId: client.clientId, clientSecret: secret },
      timeoutMs: runtime.timeoutMs,
      dispatcher: runtime.dispatcher,
      allowNaTokenType: client.grant === "token_exchange",
    });
    const lifetimeSec =
      issued.expiresInSec === undefined ? 0 : issued.expiresInSec - runtime.refreshMarginSec;
    return { token: issued.accessToken, lifetimeMs: Math.max(0, lifetimeSec * 1000) };
  });
}
