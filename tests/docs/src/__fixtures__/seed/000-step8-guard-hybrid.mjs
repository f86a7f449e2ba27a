// Seed: 000_2a5608ef3982a735.txt, "Guard API" › "8. Use Hybrid Mode for Remote-First with Local
// Fallback". As published; only the indentation (lost in the scrape) is restored. Needs sec0-sdk/guard.
const guard = createSec0Guard({
  mode: "hybrid",
  provider: {
    precedence: "remote-first",
    remote: {
      auth: { apiKey: process.env.SEC0_API_KEY },
      source: { source: "control-plane", level: "middleware", scope: "base" },
    },
    local: { policyPath: "./policy.yaml" },
  },
});
