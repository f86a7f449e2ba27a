import { defineErrorCodes } from "@sec0/core";

/** The error codes `@sec0/cli` throws, each with what it means; docs/errors.md says what to do. */
export const CLI_ERRORS = defineErrorCodes({
  AUDIT_PATH_NOT_FOUND:
    "sec0 audit verify / tail / head got a path that does not exist (or head got a file), or --known-head names no file.",
  AUDIT_TAIL_COUNT_INVALID: "sec0 audit tail -n is not a whole number ≥ 1.",
  AUDIT_HEAD_NOT_FOUND: "sec0 audit head found no checkpoint in the directory's day files yet.",
  AUDIT_VERIFY_KEY_OPTIONS_INVALID:
    "sec0 audit verify got both --public-key and --key, or --key-id without a key to check signatures with.",
  AUDIT_WITNESS_FAILED:
    "sec0 audit verify --witness could not ask the control plane: unreachable, an error answer, or no API key in --witness-key / SEC0_API_KEY.",
  AUDIT_VERIFY_KEY_ID_MISMATCH: "sec0 audit verify: the key given does not have the pinned --key-id.",
  MCP_PROXY_SIGNING_KEY_MISSING: "sec0 mcp proxy got neither --key nor a policy with signing.key_ref.",
  MCP_PROXY_TOKEN_REF_INVALID:
    "sec0 mcp proxy --token is a literal (visible to every local user through ps) instead of env://NAME or file://path, or names an unset variable or an unreadable or empty file.",
  MCP_PROXY_ENV_NAME_WITHHELD:
    "sec0 mcp proxy --env-allow names a variable the wrapped server never gets: a SEC0_* variable (or SEC0_*), or the variable of the signing key or token ref.",
  CLI_DEV_APP_NOT_FOUND:
    "sec0 dev could not find a built control plane, gateway or approvals bridge (run pnpm build in the sec0 repository, or set SEC0_DEV_APPS_DIR).",
  CLI_DEV_SERVICE_FAILED:
    "sec0 dev: a service exited or did not answer /healthz while starting; its last output follows.",
  CLI_DEV_SETUP_FAILED:
    "sec0 dev could not initialise the control plane (init, keys or the bridge registration failed).",
  CLI_DEV_STATE_INVALID:
    "sec0 dev: the workspace's dev-secrets.json is damaged or no longer matches the control plane's database, or --reset was refused.",
  CLI_DEV_OPTION_INVALID: "sec0 dev got a malformed option (e.g. --target not name=url).",
});

/** A code of {@link CLI_ERRORS}. */
export type CliErrorCode = keyof typeof CLI_ERRORS;
