// Seed: 000_2a5608ef3982a735.txt, "Examples" › "Agent Guard (Prompt Injection & PII Detection)".
// As published; only the indentation (lost in the scrape) is restored. `policy`, `server`,
// `sec0SecurityMiddleware` and `LocalDevSigner` come from step 1: the test defines them in a prelude.
sec0SecurityMiddleware({
  policy,
  signer: LocalDevSigner.fromKeyRef(policy.signing.key_ref),
  sec0: { dir: ".sec0" },
  agentGuard: {
    enabled: true,
    block_on_severity: "high",
  },
})(server);
