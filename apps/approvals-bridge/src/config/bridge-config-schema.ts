import { z } from "zod";

const secretRef = z
  .string()
  .regex(
    /^(file|env):\/\/.+/,
    "expected env://<VARIABLE> or file://<path> (a secret is never written in the config)",
  );
const id = z.string().min(1).max(200);
/** A Discord snowflake or a Telegram chat / user id (negative for groups), as text. */
const platformId = z
  .union([z.string().regex(/^-?\d{1,32}$/, "expected a numeric id"), z.number().int()])
  .transform(String);

/** One tenant's routing: where its escalations are posted, and the control-plane key that votes for it. */
const TenantSchema = z.strictObject({
  /** A key of this tenant with `escalation:vote_for` (and nothing more is needed). */
  control_plane_key_ref: secretRef,
  discord_channels: z.array(platformId).max(20).default([]),
  telegram_chats: z.array(platformId).max(20).default([]),
});

/** A person who may approve: their sec0 approver id and their user ids on each platform. */
const ApproverSchema = z.strictObject({
  id,
  tenants: z.array(id).min(1),
  discord: z.array(platformId).default([]),
  telegram: z.array(platformId).default([]),
  /** May press Approve / Reject on the bridge's local approvals page (as this `id`). */
  local: z.boolean().default(false),
});

/**
 * The local approvals page (`/local/` on the bridge's own HTTP server): every tenant's cards, for
 * trying the approval flow offline. One bridge process only (its cards are kept in memory).
 */
const LocalSchema = z.strictObject({
  /** On when the section is present, unless `false`. */
  enabled: z.boolean().optional(),
  /** The page's access token (`Authorization: Bearer`, or `?token=` once to set the cookie). */
  token_ref: secretRef,
});

/**
 * The bridge's configuration file (`SEC0_APPROVALS_BRIDGE_CONFIG`, YAML or JSON). Secrets are
 * references only (`env://NAME`, `file://path` in a safe key directory); unknown keys are refused.
 */
export const BridgeConfigSchema = z
  .strictObject({
    host: z.string().min(1).default("127.0.0.1"),
    port: z.number().int().min(0).max(65535).default(8790),
    log_level: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    control_plane: z.strictObject({
      url: z.url({ protocol: /^https?$/ }),
      timeout_ms: z.number().int().positive().max(60_000).default(5000),
    }),
    webhook: z
      .strictObject({
        bearer_token_ref: secretRef.optional(),
        shared_secret_ref: secretRef.optional(),
        /** Accepted clock skew of `x-sec0-bridge-timestamp`. */
        max_skew_seconds: z.number().int().min(1).max(3600).default(300),
      })
      .refine((w) => w.bearer_token_ref !== undefined || w.shared_secret_ref !== undefined, {
        message: "set bearer_token_ref, shared_secret_ref or both: an unauthenticated webhook is refused",
      }),
    /** Shared state for several replicas (`redis://…`); one process keeps it in memory. */
    redis_url: z
      .string()
      .regex(/^rediss?:\/\//, "expected redis:// or rediss://")
      .optional(),
    discord: z
      .strictObject({
        bot_token_ref: secretRef,
        application_id: platformId,
        /** The application's Ed25519 public key (hex), from the developer portal. */
        public_key: z.string().regex(/^[0-9a-fA-F]{64}$/, "expected 64 hex characters"),
        mode: z.enum(["interactions", "gateway"]).default("interactions"),
        /** Base URL of the REST API (tests point it at a local server). */
        api: z.url().optional(),
      })
      .optional(),
    telegram: z
      .strictObject({
        bot_token_ref: secretRef,
        /** Checked against `X-Telegram-Bot-Api-Secret-Token` (webhook mode). */
        secret_token_ref: secretRef.optional(),
        mode: z.enum(["webhook", "polling"]).default("webhook"),
        api_root: z.url().optional(),
      })
      .refine((t) => t.mode === "polling" || t.secret_token_ref !== undefined, {
        message: "webhook mode needs secret_token_ref",
      })
      .optional(),
    local: LocalSchema.optional(),
    tenants: z
      .record(id, TenantSchema)
      .refine((t) => Object.keys(t).length > 0, { message: "name at least one tenant" }),
    approvers: z.array(ApproverSchema).default([]),
    audit: z
      .strictObject({
        dir: z.string().min(1).default(".sec0/approvals-bridge"),
        key_ref: secretRef.default("file://./.sec0/keys/ed25519.key"),
      })
      .default({ dir: ".sec0/approvals-bridge", key_ref: "file://./.sec0/keys/ed25519.key" }),
  })
  .superRefine((config, ctx) => {
    for (const [tenant, routes] of Object.entries(config.tenants)) {
      if (routes.discord_channels.length > 0 && config.discord === undefined)
        ctx.addIssue({
          code: "custom",
          path: ["tenants", tenant, "discord_channels"],
          message: "needs the discord section",
        });
      if (routes.telegram_chats.length > 0 && config.telegram === undefined)
        ctx.addIssue({
          code: "custom",
          path: ["tenants", tenant, "telegram_chats"],
          message: "needs the telegram section",
        });
    }
    config.approvers.forEach((approver, index) => {
      for (const tenant of approver.tenants)
        if (!(tenant in config.tenants))
          ctx.addIssue({
            code: "custom",
            path: ["approvers", index, "tenants"],
            message: `unknown tenant ${tenant}`,
          });
    });
  });

/** The validated configuration, defaults applied. */
export type BridgeConfig = z.output<typeof BridgeConfigSchema>;
