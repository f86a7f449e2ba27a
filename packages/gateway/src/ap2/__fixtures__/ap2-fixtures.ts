// Keys, DIDs, signed mandates and a local did:web host for the AP2 tests.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { CompactSign, exportJWK, generateKeyPair, type JWK } from "jose";

const ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

export function encodeBase58btc(bytes: Uint8Array): string {
  const digits: number[] = [];
  for (const byte of bytes) {
    let carry = byte;
    for (let index = 0; index < digits.length; index += 1) {
      carry += (digits[index] as number) << 8;
      digits[index] = carry % 58;
      carry = Math.floor(carry / 58);
    }
    while (carry > 0) {
      digits.push(carry % 58);
      carry = Math.floor(carry / 58);
    }
  }
  let out = "";
  for (const byte of bytes) {
    if (byte !== 0) break;
    out += "1";
  }
  return out + digits.reverse().map((digit) => ALPHABET[digit]).join("");
}

export interface TestKey {
  readonly alg: "EdDSA" | "ES256";
  readonly privateKey: Awaited<ReturnType<typeof generateKeyPair>>["privateKey"];
  readonly publicJwk: JWK;
}

export async function newKey(alg: "EdDSA" | "ES256"): Promise<TestKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  return { alg, privateKey, publicJwk: await exportJWK(publicKey) };
}

export function didKeyOf(key: TestKey): string {
  const x = Buffer.from(key.publicJwk.x as string, "base64url");
  if (key.alg === "EdDSA") return `did:key:z${encodeBase58btc(Uint8Array.from([0xed, 0x01, ...x]))}`;
  const y = Buffer.from(key.publicJwk.y as string, "base64url");
  const prefix = (y[31] as number) & 1 ? 0x03 : 0x02;
  return `did:key:z${encodeBase58btc(Uint8Array.from([0x80, 0x24, prefix, ...x]))}`;
}

export function didJwkOf(key: TestKey): string {
  const { kty, crv, x, y } = key.publicJwk;
  return `did:jwk:${Buffer.from(JSON.stringify({ kty, crv, x, y })).toString("base64url")}`;
}

/** Signs `payload` (an object, or raw JSON text to sign verbatim). */
export async function sign(
  key: TestKey,
  payload: Record<string, unknown> | string,
  header: Record<string, unknown> = {},
): Promise<string> {
  const text = typeof payload === "string" ? payload : JSON.stringify(payload);
  return new CompactSign(new TextEncoder().encode(text))
    .setProtectedHeader({ alg: key.alg, ...header })
    .sign(key.privateKey);
}

export const NOW_MS = Date.UTC(2026, 11, 1, 12, 0, 0);
export const NOW_SEC = NOW_MS / 1000;
export const fixedClock = { now: () => NOW_MS };

export const ARGS = { sku: "book-42", quantity: 1, amount: { value: 1999, currency: "EUR" } };

export function intentPayload(issuer: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    jti: "intent-1",
    iss: issuer,
    sub: "did:key:user",
    exp: NOW_SEC + 600,
    nbf: NOW_SEC - 60,
    constraints: { max_amount: 5000, currency: "EUR" },
    ...extra,
  };
}

export function cartPayload(issuer: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    jti: "cart-1",
    iss: issuer,
    sub: "did:key:user",
    intent_id: "intent-1",
    exp: NOW_SEC + 600,
    args: ARGS,
    ...extra,
  };
}

export interface DidWebHost {
  readonly did: string;
  readonly server: Server;
  requests: number;
  handler: (request: IncomingMessage, response: ServerResponse) => void;
  close(): Promise<void>;
}

/** A 127.0.0.1 http server standing in for a did:web host. */
export async function startDidWebHost(): Promise<DidWebHost> {
  const host: DidWebHost = {
    did: "",
    server: createServer((request, response) => {
      host.requests += 1;
      host.handler(request, response);
    }),
    requests: 0,
    handler: (_request, response) => response.writeHead(404).end(),
    close: () =>
      new Promise<void>((resolve) => {
        host.server.closeAllConnections();
        host.server.close(() => resolve());
      }),
  };
  await new Promise<void>((resolve) => host.server.listen(0, "127.0.0.1", resolve));
  const { port } = host.server.address() as AddressInfo;
  (host as { did: string }).did = `did:web:127.0.0.1%3A${port}`;
  return host;
}

export function didDocument(did: string, jwks: ReadonlyArray<readonly [fragment: string, jwk: JWK]>): string {
  return JSON.stringify({
    "@context": ["https://www.w3.org/ns/did/v1"],
    id: did,
    verificationMethod: jwks.map(([fragment, jwk]) => ({
      id: `${did}#${fragment}`,
      type: "JsonWebKey2020",
      controller: did,
      publicKeyJwk: jwk,
    })),
    assertionMethod: jwks.map(([fragment]) => `${did}#${fragment}`),
  });
}

/** Signs with an arbitrary protected header that jose would refuse to produce (Ed25519 keys only). */
export async function signRawEd25519(key: TestKey, header: Record<string, unknown>, payload: Record<string, unknown>): Promise<string> {
  const input = `${Buffer.from(JSON.stringify({ alg: "EdDSA", ...header })).toString("base64url")}.${Buffer.from(JSON.stringify(payload)).toString("base64url")}`;
  const signature = await crypto.subtle.sign("Ed25519", key.privateKey as Parameters<typeof crypto.subtle.sign>[1], new TextEncoder().encode(input));
  return `${input}.${Buffer.from(signature).toString("base64url")}`;
}
