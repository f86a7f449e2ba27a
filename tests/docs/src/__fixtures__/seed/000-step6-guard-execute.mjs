// Seed: 000_2a5608ef3982a735.txt, "Guard API" › "6. Wrap the Side Effect with guard.execute(...)".
// As published; only the indentation (lost in the scrape) is restored. Needs sec0-sdk/guard;
// `guard` comes from step 5, `outboundMessage`, `conversationId` and `sendToSupplier` are the user's.
await guard.execute(
  {
    kind: "message_outbound",
    target: "discord:supplier",
    content: outboundMessage,
    context: {
      nodeId: "merchant-agent",
      threadId: conversationId,
    },
  },
  async (guardedInput) => sendToSupplier(String(guardedInput.content)),
  {
    onBlock: async (decision) => ({
      sent: false,
      reason: decision.reason,
    }),
  },
);
