import { z } from "zod";

/** Log levels of the service logger. */
export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

/**
 * The control plane's configuration file (YAML or JSON, `SEC0_CONTROL_PLANE_CONFIG`). Every key is
 * optional; environment variables override it (see `ENV_OVERRIDES`). Unknown keys are errors.
 */
export const controlPlaneConfigSchema = z.strictObject({
  host: z.string().min(1).default("127.0.0.1"),
  port: z.number().int().min(0).max(65_535).default(8787),
  /** The URL clients reach the service at; discovery answers it. Default `http://<host>:<port>`. */
  public_url: z.url().optional(),
  /** PostgreSQL connection string; without it the service uses embedded PGlite in `data_dir`. */
  database_url: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "expected postgres://…")
    .optional(),
  /** PGlite's data directory (without `database_url`). */
  data_dir: z.string().min(1).default(".sec0/control-plane"),
  /** Where uploaded audit evidence is stored (filesystem object store). Default `<data_dir>/objects`. */
  objects_dir: z.string().min(1).optional(),
  /** Key the control plane signs policy versions with (`file://…` or `env://…`). Default: `.sec0/keys/control-plane.key`, created on first start. */
  signing_key_ref: z
    .string()
    .regex(/^(file|env):\/\/.+/, "expected file://<path> or env://<VARIABLE>")
    .optional(),
  body_limit_bytes: z
    .number()
    .int()
    .min(1024)
    .max(64 * 1024 * 1024)
    .default(1024 * 1024),
  log_level: z.enum(LOG_LEVELS).default("info"),
  /** How often expired escalations are finalised (their `timeout_action`), ms. */
  expiry_sweep_ms: z.number().int().min(100).max(3_600_000).default(5_000),
  /** Serve the console at `/console/`. */
  console: z.boolean().default(true),
  /** The console's build directory; default: the bundled `@sec0/console-app` build. */
  console_dir: z.string().min(1).optional(),
  /** Time allowed to finish requests in flight on SIGTERM, ms. */
  shutdown_timeout_ms: z.number().int().min(0).max(120_000).default(10_000),
});

/** The validated configuration. */
export type ControlPlaneConfig = z.infer<typeof controlPlaneConfigSchema>;

/** Environment variables and the config key each one sets (numbers are parsed). */
export const ENV_OVERRIDES: Readonly<Record<string, keyof ControlPlaneConfig>> = {
  SEC0_CONTROL_PLANE_HOST: "host",
  SEC0_CONTROL_PLANE_PORT: "port",
  SEC0_CONTROL_PLANE_PUBLIC_URL: "public_url",
  DATABASE_URL: "database_url",
  SEC0_CONTROL_PLANE_DATA_DIR: "data_dir",
  SEC0_CONTROL_PLANE_OBJECTS_DIR: "objects_dir",
  SEC0_CONTROL_PLANE_SIGNING_KEY: "signing_key_ref",
  SEC0_CONTROL_PLANE_BODY_LIMIT: "body_limit_bytes",
  SEC0_CONTROL_PLANE_CONSOLE_DIR: "console_dir",
  LOG_LEVEL: "log_level",
};
