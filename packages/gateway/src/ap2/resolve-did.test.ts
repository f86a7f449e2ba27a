import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  ARGS,
  cartPayload,
  type DidWebHost,
  didDocument,
  fixedClock,
  intentPayload,
  newKey,
  sign,
  startDidWebHost,
} from "./__fixtures__/ap2-fixtures.js";
import { buildAp2Headers } from "./build-ap2-headers.js";
import { createDidCache } from "./did-cache.js";
import { didWebUrl } from "./did-web-url.js";
import { resolveDid } from "./resolve-did.js";
import { verifyAp2Mandates } from "./verify-ap2-mandates.js";

const issuerKey = await newKey("EdDSA");
const otherKey = await newKey("EdDSA");
let host: DidWebHost;

beforeEach(async () => {
  host = await startDidWebHost();
});
afterEach(async () => {
  await host.close();
});

function serve(body: string): void {
  host.handler = (request, response) => {
    if (request.url !== "/.well-known/did.json") return void response.writeHead(404).end();
    response.writeHead(200, { "content-type": "application/did+json" }).end(body);
  };
}

async function verifyWithHost(options: { timeoutMs?: number; maxDocumentBytes?: number } = {}) {
  const intent = await sign(issuerKey, intentPayload(host.did), { kid: `${host.did}#key-1` });
  const cart = await sign(issuerKey, cartPayload(host.did), { kid: "#key-1" });
  const headers = buildAp2Headers({ intent, cart });
  return verifyAp2Mandates(headers, ARGS, headers["x-idempotency-key"], {
    trustedIssuers: [host.did],
    clock: fixedClock,
    did: { cache: createDidCache(), allowInsecureHttp: true, ...options },
  });
}

describe("did:web", () => {
  it("verifies mandates against the key its document publishes, selected by kid", async () => {
    serve(
      didDocument(host.did, [
        ["key-0", otherKey.publicJwk],
        ["key-1", issuerKey.publicJwk],
      ]),
    );
    const result = await verifyWithHost();
    expect(result).toMatchObject({
      ok: true,
      verified: { issuer: host.did, cart: { keyId: `${host.did}#key-1` } },
    });
    expect(host.requests).toBe(1); // the cache served the second mandate
  });

  it("refuses mandates when the document serves a different key", async () => {
    serve(didDocument(host.did, [["key-1", otherKey.publicJwk]]));
    expect(await verifyWithHost()).toEqual({ ok: false, reasons: ["ap2_signature_invalid"] });
  });

  it("is unresolvable when the kid names no method of the document", async () => {
    serve(didDocument(host.did, [["key-7", issuerKey.publicJwk]]));
    expect(await verifyWithHost()).toEqual({ ok: false, reasons: ["ap2_issuer_unresolvable"] });
  });

  it("gives up on a host that never answers, within the timeout", async () => {
    host.handler = () => undefined; // holds the connection open
    const started = Date.now();
    expect(await verifyWithHost({ timeoutMs: 200 })).toEqual({
      ok: false,
      reasons: ["ap2_issuer_unresolvable"],
    });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("gives up on a host that sends headers and then stalls the body", async () => {
    host.handler = (_request, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.write('{"id":');
    };
    const resolution = await resolveDid(host.did, {
      cache: createDidCache(),
      allowInsecureHttp: true,
      timeoutMs: 200,
    });
    expect(resolution).toMatchObject({ ok: false, problem: "timeout" });
  });

  it("refuses an oversized document, declared or streamed", async () => {
    const padding = "x".repeat(70_000);
    serve(JSON.stringify({ id: host.did, verificationMethod: [], padding }));
    expect(await verifyWithHost()).toEqual({ ok: false, reasons: ["ap2_issuer_unresolvable"] });
    host.handler = (_request, response) => {
      response.writeHead(200, { "content-type": "application/json" }); // chunked, no length
      response.write(padding);
      response.end(padding);
    };
    const resolution = await resolveDid(host.did, { cache: createDidCache(), allowInsecureHttp: true });
    expect(resolution).toMatchObject({ ok: false, problem: "document_too_large" });
  });

  it("refuses a document whose id is another DID, and a redirect", async () => {
    serve(didDocument("did:web:evil.example", [["key-1", issuerKey.publicJwk]]));
    const cache = createDidCache();
    expect(await resolveDid(host.did, { cache, allowInsecureHttp: true })).toMatchObject({
      problem: "invalid_document",
    });
    host.handler = (_request, response) => response.writeHead(302, { location: "http://127.0.0.1:1/" }).end();
    expect(await resolveDid(host.did, { cache, allowInsecureHttp: true })).toMatchObject({
      problem: "fetch_failed",
    });
  });

  it("uses https unless allowInsecureHttp, so a plain-http host is unresolvable in production", async () => {
    serve(didDocument(host.did, [["key-1", issuerKey.publicJwk]]));
    expect(await resolveDid(host.did, { cache: createDidCache(), timeoutMs: 1000 })).toMatchObject({
      ok: false,
    });
  });

  it("does not fetch the document of an untrusted issuer", async () => {
    serve(didDocument(host.did, [["key-1", issuerKey.publicJwk]]));
    const cart = await sign(issuerKey, cartPayload(host.did));
    const headers = buildAp2Headers({ intent: await sign(issuerKey, intentPayload(host.did)), cart });
    const result = await verifyAp2Mandates(headers, ARGS, headers["x-idempotency-key"], {
      trustedIssuers: ["did:web:someone.example"],
      clock: fixedClock,
      did: { cache: createDidCache(), allowInsecureHttp: true },
    });
    expect(result).toEqual({ ok: false, reasons: ["ap2_vc_untrusted"] });
    expect(host.requests).toBe(0);
  });
});

describe("didWebUrl", () => {
  it("maps the did:web forms to https URLs", () => {
    expect(didWebUrl("did:web:example.com")).toBe("https://example.com/.well-known/did.json");
    expect(didWebUrl("did:web:example.com%3A8443:users:alice")).toBe(
      "https://example.com:8443/users/alice/did.json",
    );
    expect(didWebUrl("did:web:127.0.0.1%3A9", true)).toBe("http://127.0.0.1:9/.well-known/did.json");
  });

  it("rejects hosts and paths that would leave the did:web shape", () => {
    for (const did of [
      "did:web:user@evil.com",
      "did:web:a.com:..",
      "did:web:a.com/x",
      "did:web:a.com%3A99999",
      "did:web:",
    ]) {
      expect(didWebUrl(did)).toBeUndefined();
    }
  });
});
