import { resolve } from "node:path";
import { type Allowlist, compileAllowlist } from "@sec0/core";
import type { BrokerConfig } from "./broker-config.js";
import { brokerConfigInvalid } from "./broker-failure.js";
import type { OAuthClient } from "./oauth-credential.js";
import type { SecretSource } from "./read-secret.js";
import { isLexicallyInSecretDir, resolveBrokerSecretDirs } from "./safe-secret-dirs.js";
import { parseSecretRef, type SecretRef } from "./secret-ref.js";

/** A checked broker entry: where its credential comes from and how it is sent. */
export interface CompiledBrokerEntry {
  readonly server: string;
  readonly header: string;
  readonly config: BrokerConfig;
  readonly tools: Allowlist | undefined;
  /** Secrets sent as they are (static, pool); empty for OAuth. */
  readonly refs: readonly SecretRef[];
  readonly oauth: OAuthClient | undefined;
}

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,128}$/;
const FORBIDDEN_HEADERS = new Set([
  "host",
  "content-length",
  "transfer-encoding",
  "connection",
  "cookie",
  "te",
  "upgrade",
]);
const TEMPLATE_TEXT = /^[\x20-\x7e]*$/;

/**
 * Checks one `brokers.<server>` entry before any call: known type, parseable refs (file refs
 * inside the safe secret directories, checked lexically), a sendable header name, a template with
 * `{token}`, and an https token endpoint with a client id where OAuth is used.
 *
 * @throws {Sec0Error} `GATEWAY_BROKER_CONFIG_INVALID` naming the field.
 */
export function compileBrokerEntry(
  server: string,
  config: BrokerConfig,
  secrets: SecretSource,
  allowHttp: boolean,
): CompiledBrokerEntry {
  if (!["static", "vendor_key_pool", "oidc_on_behalf"].includes(config.type)) {
    throw brokerConfigInvalid(server, "type", "use static, vendor_key_pool or oidc_on_behalf.");
  }
  const header = (config.header ?? "authorization").toLowerCase();
  if (!HEADER_NAME.test(header) || FORBIDDEN_HEADERS.has(header)) {
    throw brokerConfigInvalid(
      server,
      "header",
      `"${header}" cannot carry a credential; use e.g. authorization or x-api-key.`,
    );
  }
  if (
    config.format === "template" &&
    !(config.template?.includes("{token}") && TEMPLATE_TEXT.test(config.template))
  ) {
    throw brokerConfigInvalid(
      server,
      "template",
      "format template needs a printable template containing {token}.",
    );
  }
  const refs = (config.key_refs ?? []).map((ref, index) =>
    compileRef(server, `key_refs[${index}]`, ref, secrets),
  );
  const oauth = compileOAuth(server, config, refs, secrets, allowHttp);
  if (oauth === undefined && refs.length === 0)
    throw brokerConfigInvalid(server, "key_refs", "list at least one env:// or file:// ref.");
  if (config.type === "vendor_key_pool" && oauth !== undefined) {
    throw brokerConfigInvalid(
      server,
      "token_url",
      "a vendor_key_pool rotates keys; use static for client credentials.",
    );
  }
  const tools = config.tools === undefined ? undefined : compileTools(server, config.tools);
  return { server, header, config, tools, refs: oauth === undefined ? refs : [], oauth };
}

function compileRef(server: string, field: string, ref: string, secrets: SecretSource): SecretRef {
  const parsed = parseSecretRef(ref);
  if (parsed === undefined) {
    // The value is not echoed: a key pasted in place of a ref would end up in logs.
    throw brokerConfigInvalid(server, field, "not a secret ref; write env://NAME, env:NAME or file://path.");
  }
  if (
    parsed.scheme === "file" &&
    !isLexicallyInSecretDir(resolve(secrets.cwd, parsed.path), resolveBrokerSecretDirs(secrets))
  ) {
    throw brokerConfigInvalid(
      server,
      field,
      `${parsed.shown} is outside the safe secret directories (${resolveBrokerSecretDirs(secrets).join(", ")}); move it or set SEC0_BROKER_SECRET_DIRS.`,
    );
  }
  return parsed;
}

function compileOAuth(
  server: string,
  config: BrokerConfig,
  refs: readonly SecretRef[],
  secrets: SecretSource,
  allowHttp: boolean,
): OAuthClient | undefined {
  if (config.type !== "oidc_on_behalf" && config.token_url === undefined) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(config.token_url ?? "");
  } catch {
    url = undefined;
  }
  if (
    url === undefined ||
    !(url.protocol === "https:" || (allowHttp && url.protocol === "http:")) ||
    url.username !== "" ||
    url.password !== ""
  ) {
    throw brokerConfigInvalid(
      server,
      "token_url",
      "give the https URL of the OAuth token endpoint (no credentials in it).",
    );
  }
  if (config.client_id === undefined || config.client_id.trim() === "")
    throw brokerConfigInvalid(server, "client_id", "the OAuth client id is required.");
  const clientSecret =
    config.client_secret_ref === undefined
      ? refs[0]
      : compileRef(server, "client_secret_ref", config.client_secret_ref, secrets);
  return {
    server,
    grant: config.type === "oidc_on_behalf" ? "token_exchange" : "client_credentials",
    tokenUrl: url.href,
    clientId: config.client_id,
    clientSecret,
    audience: config.audience,
    scope: config.scope,
  };
}

function compileTools(server: string, tools: readonly string[]): Allowlist {
  try {
    return compileAllowlist(tools);
  } catch (error) {
    throw brokerConfigInvalid(server, "tools", `${(error as Error).message}`);
  }
}
