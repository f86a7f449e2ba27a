// Public names of src/config (wired into the package barrel by src/index.ts).
export { appConfigSchema, type Sec0AppConfigFile } from "./app-config-schema.js";
export { type BuildAppProfileOptions, buildAppProfile } from "./build-app-profile.js";
export { formatConfigPath } from "./config-error.js";
export { getSec0AppConfig, resetSec0AppForTests } from "./current-app.js";
export type { HopEnforcementEntry } from "./hop-enforcement-schema.js";
export type { HopAutomationEntry, HopEntry } from "./hop-entry-schema.js";
export { type InitializeSec0AppOptions, initializeSec0App } from "./initialize-sec0-app.js";
export { type InlineHopFields, resolveHop } from "./resolve-hop.js";
export type {
  HopEscalationSettings,
  HopPolicyOptions,
  Sec0AppProfile,
  Sec0HopConfig,
  Sec0HopEnforcement,
} from "./sec0-app-profile.js";
