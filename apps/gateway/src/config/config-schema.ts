import { z } from "zod";

const text = z.string().trim().min(1, "expected a non-empty string");
const positiveInt = z.int("expected a whole number").positive("expected a whole number above 0");
const httpUrl = z.string().refine(isHttpUrl, "expected an http(s) URL");
const names = z.array(text);

/** The config file's `api_keys` entries: a digest, never the key. */
const ApiKeySchema = z.strictObject({
  id: text,
  sha256: z.string().regex(/^[0-9a-f]{64}$/i, "expected the 64-character hex SHA-256 of the key"),
  tenant: text,
  roles: names.optional(),
});

/** Limits of the HTTP boundary, in snake_case (see `GatewayLimits` of `@sec0/gateway`). */
const LimitsSchema = z.strictObject({
  max_body_bytes: positiveInt.optional(),
  max_response_bytes: positiveInt.optional(),
  connect_timeout_ms: positiveInt.optional(),
  headers_timeout_ms: positiveInt.optional(),
  body_timeout_ms: positiveInt.optional(),
  upstream_timeout_ms: positiveInt.optional(),
  connections_per_target: positiveInt.optional(),
});

/**
 * The service config file (`gateway.yaml` or JSON), after the environment overrides are applied.
 * Strict: an unknown key is an error, so a typo never turns into a silent default.
 */
export const GatewayConfigFileSchema = z.strictObject({
  tenant: text,
  gateway: z.strictObject({ name: text, version: text }),
  server: z
    .strictObject({
      host: text.optional(),
      port: z.int("expected a whole number").min(0).max(65_535, "expected a port from 0 to 65535").optional(),
      shutdown_timeout_ms: positiveInt.optional(),
    })
    .optional(),
  log_level: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional(),
  targets: z
    .record(
      z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, "expected a server name of letters, digits, . _ -"),
      httpUrl,
    )
    .optional(),
  policy: text.optional(),
  enforcement: z.strictObject({
    mode: z.enum(["observe", "enforce"]),
    deny_on: names.optional(),
    escalate_on: names.optional(),
  }),
  audit: z.strictObject({
    dir: text,
    key_ref: z.string().regex(/^(file|env):\/\/.+/, "expected file://<path> or env://<VARIABLE>"),
    durability: z.enum(["none", "batch", "sync"]).optional(),
    signing: z.enum(["per_record", "checkpoint"]).optional(),
  }),
  quotas: z
    .strictObject({
      fail_mode: z.enum(["closed", "open", "local"]).optional(),
      timeout_ms: positiveInt.optional(),
    })
    .optional(),
  redis: z.strictObject({ prefix: text.optional() }).optional(),
  limits: LimitsSchema.optional(),
  api_keys: z.array(ApiKeySchema).optional(),
});

/** The config file's shape, as validated. */
export type GatewayConfigFile = z.infer<typeof GatewayConfigFileSchema>;

function isHttpUrl(value: string): boolean {
  return URL.canParse(value) && /^https?:$/.test(new URL(value).protocol);
}
