// `sec0-sdk/agent-state`: the agent-state codec and header names of `@sec0/core`.
export {
  AGENT_PARENT_REF_HEADER,
  AGENT_REF_HEADER,
  AGENT_STATE_HEADER,
  AGENT_STATE_VERSION,
  type AgentStateHeaders,
  type AgentStatePayload,
  type AgentStateVariables,
  type AgentVariableScope,
  decodeAgentStateHeader,
  encodeAgentStateHeaders,
  ensureRunId,
  extractAgentStateFromHeaders,
  MAX_AGENT_STATE_HEADER_BYTES,
  mergeAgentVariables,
  NODE_ID_HEADER,
  normalizeAgentStatePayload,
} from "@sec0/core";
