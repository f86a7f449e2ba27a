import type { Policy } from "./schema/policy-schema.js";

/**
 * The `signing` section: whether audit records are signed, where the key lives, and `mode`
 * (`per_record`, the default, or `checkpoint`: the audit appender's `signing`).
 */
export type PolicySigning = NonNullable<Policy["signing"]>;

/**
 * A policy as `parsePolicyYaml` and `validatePolicy` return it: exactly as written, plus a
 * `signing` section that is always there, so `policy.signing.key_ref` type-checks under `strict`
 * (it is `undefined` when the policy names no key, and `LocalDevSigner.fromKeyRef` says what to
 * add). When the policy has no `signing`, the property is an empty frozen object that is not
 * enumerable: it is not part of the policy's JSON, its canonical form or its hash.
 */
export type ParsedPolicy = Policy & { readonly signing: PolicySigning };

const NO_SIGNING: PolicySigning = Object.freeze({});

/** Gives a validated policy its always-present `signing` section (see {@link ParsedPolicy}). */
export function toParsedPolicy(policy: Policy): ParsedPolicy {
  if (policy.signing !== undefined) return policy as ParsedPolicy;
  Object.defineProperty(policy, "signing", { value: NO_SIGNING, enumerable: false, writable: false });
  return policy as ParsedPolicy;
}
