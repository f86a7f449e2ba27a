import { defineErrorCodes } from "@sec0/core";
import { DISCORD_ERRORS } from "./discord/discord-errors.js";
import { LOCAL_ERRORS } from "./local/local-errors.js";
import { BRIDGE_STATE_ERRORS } from "./state/bridge-state-errors.js";
import { TELEGRAM_ERRORS } from "./telegram/telegram-errors.js";

/** The error codes of the approvals bridge (its own, its platforms' and its state's); docs/errors.md lists them. */
export const BRIDGE_ERRORS = defineErrorCodes({
  BRIDGE_CONFIG_INVALID:
    "The bridge's configuration file or environment is unusable: a bad value, an unknown key, a secret reference that cannot be read.",
  ...DISCORD_ERRORS,
  ...TELEGRAM_ERRORS,
  ...BRIDGE_STATE_ERRORS,
  ...LOCAL_ERRORS,
});

/** A code of {@link BRIDGE_ERRORS}. */
export type BridgeErrorCode = keyof typeof BRIDGE_ERRORS;
