import { compactVerify, createLocalJWKSet } from "jose";
import { describe, expect, it } from "vitest";
import {
  groupKeySet,
  headerAlg,
  loadWycheproof,
  runVector,
  type WycheproofGroup,
} from "./__fixtures__/wycheproof.js";

type CorpusFile = "json_web_signature_test.json" | "json_web_key_test.json";

/**
 * Vectors where we deliberately disagree with Wycheproof: the key declares one `alg` and the token
 * uses another (RFC 7520's key, to which Wycheproof added `"alg": "PS256"` / the unregistered
 * `"ES521"`, verifying PS384 / ES512 tokens). RFC 7517 §4.4 binds a key to its `alg`, and the same
 * corpus requires that binding elsewhere (json_web_signature tcId 332-340 WrongPrimitive,
 * json_web_key tcId 19-20), so we keep it and refuse these four as `key_unknown`.
 */
const DIVERGENT: Readonly<Record<CorpusFile, readonly number[]>> = {
  "json_web_signature_test.json": [346, 347, 350, 351],
  "json_web_key_test.json": [],
};

interface Tally {
  groupsChecked: number;
  groupsSkipped: Record<string, number>;
  testsChecked: number;
  testsSkipped: Record<string, number>;
  validAccepted: number;
  invalidRejected: number;
  rejectedBy: Record<string, number>;
  divergent: number[];
  wrong: string[];
}

function privateKeyTypes(group: WycheproofGroup): string[] {
  const secret = (group as { private?: { kty?: string; keys?: { kty?: string }[] } }).private;
  const keys = secret?.keys ?? (secret === undefined ? [] : [secret]);
  return keys.map((key) => key.kty ?? "none");
}

/** Why a group cannot be checked, or undefined when it can. */
function skipReason(group: WycheproofGroup): string | undefined {
  if (groupKeySet(group) !== undefined) return undefined;
  return "symmetric key (HS*): refused by design";
}

async function runFile(file: CorpusFile): Promise<Tally> {
  const tally: Tally = {
    groupsChecked: 0,
    groupsSkipped: {},
    testsChecked: 0,
    testsSkipped: {},
    validAccepted: 0,
    invalidRejected: 0,
    rejectedBy: {},
    divergent: [],
    wrong: [],
  };
  for (const group of loadWycheproof(file)) {
    const skip = skipReason(group);
    const keys = groupKeySet(group);
    if (skip !== undefined || keys === undefined) {
      const reason = skip ?? "no key";
      tally.groupsSkipped[reason] = (tally.groupsSkipped[reason] ?? 0) + 1;
      tally.testsSkipped[reason] = (tally.testsSkipped[reason] ?? 0) + group.tests.length;
      // Skipped only for the algorithm: a shared-secret (oct) key and HS* tokens (or alg none,
      // refused anyway), which a gateway verifying third-party tokens must never accept.
      expect(privateKeyTypes(group)).toContain("oct");
      for (const test of group.tests)
        expect(headerAlg(test) ?? "HS(unreadable)").toMatch(/^(HS\d+|none|HS\(unreadable\))$/);
      continue;
    }
    tally.groupsChecked += 1;
    for (const test of group.tests) {
      tally.testsChecked += 1;
      const outcome = await runVector(keys, test);
      if (!outcome.accepted) {
        const label =
          outcome.keyProblem === undefined ? `${outcome.reason}` : `${outcome.reason}/${outcome.keyProblem}`;
        tally.rejectedBy[label] = (tally.rejectedBy[label] ?? 0) + 1;
      }
      if (test.result === "valid" && outcome.accepted) tally.validAccepted += 1;
      else if (test.result === "invalid" && !outcome.accepted) tally.invalidRejected += 1;
      else if (DIVERGENT[file].includes(test.tcId) && outcome.reason === "key_unknown")
        tally.divergent.push(test.tcId);
      else
        tally.wrong.push(
          `tcId ${test.tcId} (${test.comment}): expected ${test.result}, got ${outcome.reason ?? "accepted"}`,
        );
    }
  }
  console.log(`Wycheproof ${file}\n${JSON.stringify(tally, null, 2)}`);
  return tally;
}

describe("verifyJws against Wycheproof", () => {
  it("json_web_signature_test.json: accepts every valid and rejects every invalid vector of the asymmetric groups", async () => {
    const tally = await runFile("json_web_signature_test.json");
    expect(tally.wrong).toEqual([]);
    expect(tally.divergent).toEqual(DIVERGENT["json_web_signature_test.json"]);
    expect(tally.groupsSkipped).toEqual({ "symmetric key (HS*): refused by design": 4 });
    expect(tally.testsSkipped).toEqual({ "symmetric key (HS*): refused by design": 40 });
    expect(tally).toMatchObject({
      groupsChecked: 19,
      testsChecked: 361,
      validAccepted: 32,
      invalidRejected: 325,
    });
  });

  it("json_web_key_test.json: rejects weak and mislabelled keys (ROCA, 1024-bit, e = 1, wrong use / alg / curve / kty)", async () => {
    const tally = await runFile("json_web_key_test.json");
    expect(tally.wrong).toEqual([]);
    expect(tally.divergent).toEqual([]);
    expect(tally.groupsSkipped).toEqual({ "symmetric key (HS*): refused by design": 14 });
    expect(tally.testsSkipped).toEqual({ "symmetric key (HS*): refused by design": 15 });
    expect(tally).toMatchObject({
      groupsChecked: 11,
      testsChecked: 11,
      validAccepted: 1,
      invalidRejected: 10,
    });
    expect(tally.rejectedBy).toMatchObject({
      "key_unknown/rsa_roca": 1,
      "key_unknown/rsa_exponent_invalid": 1,
      "key_unknown/rsa_modulus_too_short": 1,
    });
  });

  it("owes the ROCA and e = 1 rejections to the key check: jose alone verifies those signatures", async () => {
    const groups = loadWycheproof("json_web_key_test.json");
    for (const tcId of [7, 9]) {
      const group = groups.find((candidate) => candidate.tests.some((test) => test.tcId === tcId));
      const test = group?.tests.find((candidate) => candidate.tcId === tcId);
      const keys = group === undefined ? undefined : groupKeySet(group);
      if (test === undefined || keys === undefined || typeof test.jws !== "string")
        throw new Error(`vector ${tcId} missing`);
      await expect(compactVerify(test.jws, createLocalJWKSet(keys))).resolves.toBeDefined();
      expect((await runVector(keys, test)).accepted).toBe(false);
    }
  });
});
