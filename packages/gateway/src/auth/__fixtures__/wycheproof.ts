// Loads the Wycheproof JWS / JWK vectors and runs each through verifyJws with the group's key set.
import { readFileSync } from "node:fs";
import { createLocalJWKSet, type JSONWebKeySet, type JWK } from "jose";
import { SUPPORTED_JWS_ALGORITHMS } from "../authenticator-options.js";
import { GatewayAuthError } from "../gateway-auth-error.js";
import { verifyJws } from "../verify-jws.js";

/** One Wycheproof test vector. */
export interface WycheproofTest {
  tcId: number;
  comment: string;
  jws: string | object;
  result: "valid" | "invalid" | "acceptable";
  flags: string[];
}

/** One Wycheproof test group, with its public key (a JWK, or a JWKS in the JWK file). */
export interface WycheproofGroup {
  comment: string;
  public?: JWK | JSONWebKeySet;
  tests: WycheproofTest[];
}

/** The outcome of one vector: accepted, or the refusal reason and key problem. */
export interface VectorOutcome {
  accepted: boolean;
  reason?: string;
  keyProblem?: string;
}

/** Reads a vector file of the shared Wycheproof corpus. */
export function loadWycheproof(file: "json_web_signature_test.json" | "json_web_key_test.json"): WycheproofGroup[] {
  // The shared corpora sit beside the repository (../shared/corpora/wycheproof, SOURCE.txt there).
  const url = new URL(`../../../../../../shared/corpora/wycheproof/${file}`, import.meta.url);
  return (JSON.parse(readFileSync(url, "utf8")) as { testGroups: WycheproofGroup[] }).testGroups;
}

/** The group's keys as a JWKS. */
export function groupKeySet(group: WycheproofGroup): JSONWebKeySet | undefined {
  if (group.public === undefined) return undefined;
  return "keys" in group.public ? group.public : { keys: [group.public as JWK] };
}

/** The protected-header alg of a compact vector, when it has a readable one. */
export function headerAlg(test: WycheproofTest): string | undefined {
  if (typeof test.jws !== "string") return undefined;
  try {
    const header = JSON.parse(Buffer.from(test.jws.split(".")[0] ?? "", "base64url").toString("utf8"));
    return typeof header?.alg === "string" ? header.alg : undefined;
  } catch {
    return undefined;
  }
}

/** Verifies one vector with the authenticator's verification function and every supported algorithm. */
export async function runVector(keys: JSONWebKeySet, test: WycheproofTest): Promise<VectorOutcome> {
  const token = typeof test.jws === "string" ? test.jws : JSON.stringify(test.jws);
  try {
    await verifyJws(token, createLocalJWKSet(keys), { algorithms: SUPPORTED_JWS_ALGORITHMS });
    return { accepted: true };
  } catch (error) {
    if (!(error instanceof GatewayAuthError)) throw error;
    const keyProblem = error.details?.keyProblem;
    return { accepted: false, reason: error.reason, ...(typeof keyProblem === "string" ? { keyProblem } : {}) };
  }
}
