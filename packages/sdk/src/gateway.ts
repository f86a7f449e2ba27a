// `sec0-sdk/gateway`: the network gateway (startGatewayServer, the sec0Gateway Fastify plugin,
// InMemoryAdapter, RedisAdapter, AP2 mandate verification), as `@sec0/gateway` exports it.
export * from "@sec0/gateway";
