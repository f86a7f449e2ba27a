import { DiscordAPIError, HTTPError, RateLimitError } from "@discordjs/rest";
import { defineErrorCodes, Sec0Error } from "@sec0/core";

/** The error codes the Discord adapter throws, each with what it means. */
export const DISCORD_ERRORS = defineErrorCodes({
  BRIDGE_DISCORD_REQUEST_FAILED:
    "A Discord REST call failed (non-2xx answer after the REST client's retries, a timeout or a network error); the message names the route template and status, never the token.",
  BRIDGE_DISCORD_CONFIG_INVALID:
    "A Discord adapter option is missing or malformed (empty token, public key not 32 bytes of hex).",
});

/** A code from {@link DISCORD_ERRORS}. */
export type DiscordErrorCode = keyof typeof DISCORD_ERRORS;

function statusOf(error: unknown): number | undefined {
  if (error instanceof DiscordAPIError || error instanceof HTTPError) return error.status;
  if (error instanceof RateLimitError) return 429;
  return undefined;
}

function discordCodeOf(error: unknown): number | string | undefined {
  return error instanceof DiscordAPIError ? error.code : undefined;
}

/**
 * Wraps a failed REST call in a token-free error. `route` is the route template
 * (`POST /channels/{channel}/messages`), never the URL: interaction webhook URLs carry the
 * interaction token, and the REST client's own messages and `url` fields would leak it.
 * The original error is not attached as `cause` for the same reason.
 *
 * @example
 * throw toDiscordRequestError("PATCH /channels/{channel}/messages/{message}", error);
 */
export function toDiscordRequestError(
  route: string,
  error: unknown,
): Sec0Error<"BRIDGE_DISCORD_REQUEST_FAILED"> {
  const status = statusOf(error);
  const discordCode = discordCodeOf(error);
  const kind =
    status === undefined ? (error instanceof Error ? error.name : "unknown error") : `status ${status}`;
  const code = discordCode === undefined ? "" : ` (Discord code ${discordCode})`;
  return new Sec0Error(
    "BRIDGE_DISCORD_REQUEST_FAILED",
    `Discord ${route} failed with ${kind}${code}; check the bot token, its channel permissions and the channel id.`,
    {
      details: {
        route,
        ...(status === undefined ? {} : { status }),
        ...(discordCode === undefined ? {} : { discordCode }),
      },
    },
  );
}
