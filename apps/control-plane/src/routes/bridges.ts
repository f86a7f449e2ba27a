import type { RouteModule } from "../context.js";

/** Placeholder: replaced by the module's routes. */
export const registerBridgeRoutes: RouteModule = () => undefined;
