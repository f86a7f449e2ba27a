import { isSec0Error, parseToolRef, silentLogger, systemClock } from "@sec0/core";
import { Agent } from "undici";
import type { Broker, BrokerCallContext, BrokerConfig, BrokerOptions } from "./broker-config.js";
import { brokerUnavailable } from "./broker-failure.js";
import { type CompiledBrokerEntry, compileBrokerEntry } from "./compile-broker-entry.js";
import { createTokenCache } from "./create-token-cache.js";
import { formatCredential } from "./format-credential.js";
import { type OAuthRuntime, oauthToken } from "./oauth-credential.js";
import { readSecret, type SecretSource } from "./read-secret.js";

/**
 * Creates the credential broker for the policy's `brokers` section: per upstream server, the
 * header carrying its vendor credential (a static secret, a key pool rotated round-robin, a
 * client-credentials token, or the caller's token exchanged per RFC 8693). Failures reject, so the
 * pipeline answers 503 and makes no upstream call.
 *
 * @throws {Sec0Error} `GATEWAY_BROKER_CONFIG_INVALID` for an unusable entry (at creation).
 * @example
 * const broker = createBroker({ github: { type: "static", key_refs: ["env://GITHUB_TOKEN"] } });
 * const headers = await broker.headersFor("github", "create_issue"); // { authorization: "Bearer …" }
 */
export function createBroker(
  config: Readonly<Record<string, BrokerConfig>>,
  options: BrokerOptions = {},
): Broker {
  const secrets: SecretSource = { cwd: options.cwd ?? process.cwd(), env: options.env ?? process.env };
  const entries = new Map<string, CompiledBrokerEntry>();
  for (const [server, entry] of Object.entries(config)) {
    entries.set(server, compileBrokerEntry(server, entry, secrets, options.allowInsecureHttp === true));
  }
  const dispatcher = new Agent({ connect: { timeout: options.tokenTimeoutMs ?? 5000 } });
  const runtime: OAuthRuntime = {
    cache: createTokenCache(options.clock ?? systemClock, options.maxCachedTokens ?? 1000),
    dispatcher,
    secrets,
    timeoutMs: options.tokenTimeoutMs ?? 5000,
    refreshMarginSec: options.refreshMarginSec ?? 30,
  };
  const logger = options.logger ?? silentLogger;
  const rotation = new Map<string, number>();
  let closed = false;

  async function credential(entry: CompiledBrokerEntry, context: BrokerCallContext): Promise<string> {
    if (entry.oauth !== undefined) return oauthToken(entry.oauth, runtime, context);
    const turn = rotation.get(entry.server) ?? 0;
    rotation.set(entry.server, (turn + 1) % entry.refs.length);
    return readSecret(entry.server, entry.refs[turn] as (typeof entry.refs)[number], secrets);
  }

  return {
    async headersFor(server, tool, context = {}) {
      if (closed) throw brokerUnavailable(server, "closed", "the broker is closed.");
      const entry = entries.get(server);
      if (entry === undefined || !coversTool(entry, tool)) return {};
      try {
        return { [entry.header]: formatCredential(await credential(entry, context), entry.config) };
      } catch (error) {
        const failure = isSec0Error(error, "GATEWAY_BROKER_UNAVAILABLE")
          ? error
          : brokerUnavailable(server, "token_endpoint_unreachable", "the credential could not be obtained.");
        logger.warn(
          { server, tool, code: failure.code, reason: failure.details?.reason },
          "broker credential unavailable",
        );
        throw failure;
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      runtime.cache.clear();
      await dispatcher.close();
    },
  };
}

function coversTool(entry: CompiledBrokerEntry, tool: string): boolean {
  if (entry.tools === undefined) return true;
  try {
    return entry.tools.match({ ...parseToolRef(tool), server: entry.server }).matched;
  } catch {
    return false; // an unparseable tool name gets no credential
  }
}
