import { defineErrorCodes } from "@sec0/core";

/**
 * The error codes the bridge state throws, each with what it means. To be merged into the
 * bridge's error table and docs/errors.md (`## @sec0/approvals-bridge-app`).
 */
export const BRIDGE_STATE_ERRORS = defineErrorCodes({
  BRIDGE_STATE_UNAVAILABLE:
    "The Redis bridge state could not answer (Redis down, refused the command, or took longer than timeoutMs); details name the operation and the driver's reason with any URL password removed. The bridge fails closed: no card is posted and no vote counted.",
  BRIDGE_STATE_REPLY_INVALID:
    "A card read back from Redis is not the JSON of a posted card (platform, channelId, messageId).",
  BRIDGE_STATE_INPUT_INVALID:
    "A bridge-state argument is unusable: a ttlMs or timeoutMs that is not a positive finite number, or an empty prefix.",
});

/** A code of {@link BRIDGE_STATE_ERRORS}. */
export type BridgeStateErrorCode = keyof typeof BRIDGE_STATE_ERRORS;
