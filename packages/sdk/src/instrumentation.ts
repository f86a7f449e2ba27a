// `sec0-sdk/instrumentation`: the hop decorators (initializeSec0App, sec0.agent() and the six other
// hop types, sec0.wrap.*), AgentManager and the hop context, as `@sec0/instrumentation` exports them.
export * from "@sec0/instrumentation";
