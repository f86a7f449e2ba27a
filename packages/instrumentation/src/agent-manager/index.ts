// Public names of src/agent-manager (wired into the package barrel by src/index.ts).
export { AgentManager, type AgentManagerOptions, type IdempotencyKeyRequest } from "./agent-manager.js";
export { type AgentStateHelper, createAgentStateHelper } from "./agent-state-helper.js";
export { scopeForHop } from "./hop-scope.js";
export type { InvokeHopRunner } from "./invoke-as-hop.js";
export type { GatewayInvokeParams } from "./invoke-gateway.js";
export { INVOKE_TIMEOUT_MS } from "./invoke-hop.js";
export {
  type LocalHopHandler,
  registerLocalHopHandler,
  unregisterLocalHopHandler,
} from "./local-hop-handlers.js";
