import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hasRocaFingerprint } from "./roca-fingerprint.js";

describe("hasRocaFingerprint", () => {
  it("does not flag moduli from a sound generator", () => {
    for (let i = 0; i < 3; i++) {
      const { publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
      const n = publicKey.export({ format: "jwk" }).n ?? "";
      expect(hasRocaFingerprint(BigInt(`0x${Buffer.from(n, "base64url").toString("hex")}`))).toBe(false);
    }
  });

  it("flags a modulus of the form 65537^k mod M (the flawed generator's structure)", () => {
    const primes = [
      3n,
      5n,
      7n,
      11n,
      13n,
      17n,
      19n,
      23n,
      29n,
      31n,
      37n,
      41n,
      43n,
      47n,
      53n,
      59n,
      61n,
      67n,
      71n,
      73n,
      79n,
      83n,
      89n,
      97n,
    ];
    const more = [101n, 103n, 107n, 109n, 113n, 127n, 131n, 137n, 139n, 149n, 151n, 157n, 163n, 167n];
    const m = [2n, ...primes, ...more].reduce((product, prime) => product * prime, 1n);
    let power = 1n;
    for (let i = 0; i < 1234; i++) power = (power * 65537n) % m;
    expect(hasRocaFingerprint(power + 7n * m)).toBe(true);
    expect(hasRocaFingerprint(power + 1n + 7n * m)).toBe(false);
  });
});
