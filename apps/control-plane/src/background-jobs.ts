import { BRIDGE_DELIVERY_INTERVAL_MS, startBridgeDelivery } from "./bridges/start-bridge-delivery.js";
import { startExpirySweeper } from "./escalations/expire-escalations.js";
import type { BackgroundJob } from "./start-service.js";

/** The jobs `sec0-control-plane serve` runs beside the HTTP server. */
export const BACKGROUND_JOBS: readonly BackgroundJob[] = [
  // Expired escalations are finalised by their timeout_action (never approved) every expiry_sweep_ms.
  (context, config) => startExpirySweeper(context, config.expiry_sweep_ms),
  (context) => startBridgeDelivery(context, { intervalMs: BRIDGE_DELIVERY_INTERVAL_MS }),
];
