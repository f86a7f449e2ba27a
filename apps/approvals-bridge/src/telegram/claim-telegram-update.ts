import { type Logger, silentLogger } from "@sec0/core";
import type { ClaimOnce } from "../state/bridge-state.js";

/** How long an update id stays claimed: Telegram redelivers a webhook update for at most a day. */
export const TELEGRAM_UPDATE_CLAIM_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * Claims a Telegram update once across replicas (`telegram:update:<id>`). `false` for a
 * redelivered update, and for a claim that failed (the state is down): the update is dropped
 * rather than risk handling it twice; a presser simply presses again.
 *
 * @example
 * if (await claimTelegramUpdate(claim, update.update_id)) await handle(update);
 */
export async function claimTelegramUpdate(
  claim: ClaimOnce,
  updateId: number,
  logger: Logger = silentLogger,
): Promise<boolean> {
  try {
    return await claim(`telegram:update:${updateId}`, TELEGRAM_UPDATE_CLAIM_TTL_MS);
  } catch (error) {
    logger.error(
      { updateId, error: error instanceof Error ? error.message : String(error) },
      "telegram update claim failed",
    );
    return false;
  }
}
