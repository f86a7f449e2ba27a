// Seed: 000_2a5608ef3982a735.txt, "Guard API" › "5. Create a Guard Once at App Startup". As
// published; only the indentation (lost in the scrape) is restored. Needs sec0-sdk/guard.
import { createSec0Guard } from "sec0-sdk/guard";

const guard = createSec0Guard({
  mode: "standalone",
  provider: {
    local: {
      policy: {
        defaultOutcome: "allow",
        rules: [
          {
            kind: "message_outbound",
            target: "discord:supplier",
            outcome: "block",
            reason: "supplier_messages_require_review",
          },
        ],
      },
    },
  },
});
