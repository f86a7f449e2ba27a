import { z } from "zod";
import { countSchema, durationSchema, patternListSchema } from "./primitives.js";

const claimsSchema = z.strictObject({
  tenant: z.string().min(1).optional(),
  user: z.string().min(1).optional(),
  roles: z.string().min(1).optional(),
  subject: z.string().min(1).optional(),
  client_id: z.string().min(1).optional(),
});

/** `authn`: how the gateway authenticates callers (OIDC bearer tokens verified against a JWKS). */
export const authnSchema = z.strictObject({
  oidc: z
    .strictObject({
      issuer: z.string().min(1),
      audience: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
      jwks_uri: z.url(),
      algorithms: z.array(z.string().min(1)).min(1).optional(),
      clock_tolerance: z.union([countSchema, durationSchema]).optional(),
      claims: claimsSchema.optional(),
    })
    .optional(),
  allow_unauthenticated: z.boolean().optional(),
});

const limitSchema = z.strictObject({
  rate_per_minute: countSchema.optional(),
  rate_per_sec: countSchema.optional(),
  calls_per_day: countSchema.optional(),
});

const principalRulesSchema = z.record(
  z.string(),
  z.strictObject({ allowlist: patternListSchema.optional(), denylist: patternListSchema.optional() }),
);

/** `entitlements`: per tenant / user / role / agent allow and deny tool patterns, and limits. */
export const entitlementsSchema = z.strictObject({
  default_plan: z.string().min(1).optional(),
  plans: z.record(z.string(), limitSchema).optional(),
  tenants: z
    .record(
      z.string(),
      z.strictObject({
        plan: z.string().min(1).optional(),
        allowlist: patternListSchema.optional(),
        denylist: patternListSchema.optional(),
        per_tool: z.record(z.string(), limitSchema).optional(),
        users: principalRulesSchema.optional(),
        user_ids: principalRulesSchema.optional(),
        roles: principalRulesSchema.optional(),
        agents: principalRulesSchema.optional(),
        agent_nodes: principalRulesSchema.optional(),
      }),
    )
    .optional(),
});

/** `brokers`: vendor credentials the gateway injects upstream, by reference only. */
export const brokersSchema = z.record(
  z.string(),
  z.strictObject({
    type: z.enum(["static", "vendor_key_pool", "oidc_on_behalf"]),
    key_refs: z.array(z.string().min(1)).optional(),
    header: z.string().min(1).optional(),
    format: z.enum(["bearer", "raw", "template"]).optional(),
    template: z.string().optional(),
    tools: patternListSchema.optional(),
    audience: z.string().optional(),
    /** OAuth 2.0 token endpoint (https): client credentials for `static`, RFC 8693 exchange for `oidc_on_behalf`. */
    token_url: z.url().optional(),
    client_id: z.string().min(1).optional(),
    /** Key ref (`env://`, `file://`) of the client secret; default `key_refs[0]`. */
    client_secret_ref: z.string().min(1).optional(),
    scope: z.string().min(1).optional(),
  }),
);

/** `targets`: MCP server name → upstream base URL. */
export const targetsSchema = z.record(z.string(), z.url());

const quotaSchema = z.strictObject({
  rate_per_minute: countSchema.optional(),
  daily: countSchema.optional(),
});

/** `quotas`: rate per minute and daily call limits, globally and per tenant / tool pattern. */
export const quotasSchema = z.strictObject({
  rate_per_minute: countSchema.optional(),
  daily: countSchema.optional(),
  per_tenant: z.record(z.string(), quotaSchema).optional(),
  per_tool: z.record(z.string(), quotaSchema).optional(),
});

/** `dedupe`: idempotency-key replay protection for side-effecting calls. */
export const dedupeSchema = z.strictObject({
  enabled: z.boolean().optional(),
  ttl_seconds: z.number().int().min(30).max(86_400).optional(),
  namespace: z.string().min(1).optional(),
  replay_wait_ms: countSchema.optional(),
  mode: z.enum(["reject", "replay"]).optional(),
});
