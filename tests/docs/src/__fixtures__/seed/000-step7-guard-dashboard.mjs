// Seed: 000_2a5608ef3982a735.txt, "Guard API" › "7. Move Policy to the Dashboard Without Changing
// Call Sites". As published; only the indentation (lost in the scrape) is restored. Needs sec0-sdk/guard.
const guard = createSec0Guard({
  mode: "dashboard",
  provider: {
    remote: {
      auth: { apiKey: process.env.SEC0_API_KEY },
      source: { source: "control-plane", level: "middleware", scope: "base" },
    },
  },
});
