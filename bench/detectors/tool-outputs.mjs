// A realistic JSON workload for throughput: tool outputs built from corpus texts (all splits;
// throughput does not depend on labels), nested like MCP tool results, about 8 MB.
import * as C from "../../packages/evaluator/scripts/corpora.mjs";

export function buildToolOutputs(targetBytes = 8e6) {
  const emails = C.loadBipia()
    .filter((r) => r.label === 0)
    .map((r) => r.text);
  const env = C.loadAgentDojo()
    .filter((r) => r.label === 0)
    .map((r) => r.text);
  const sentences = C.loadPresidio().map((r) => r.text);
  const tldr = C.loadTldr();
  const items = [];
  let size = 0;
  for (let i = 0; size < targetBytes; i++) {
    const item = {
      id: `msg-${i}`,
      type: "tool_result",
      content: [
        { type: "text", text: emails[i % emails.length] },
        { type: "text", text: env[i % env.length] },
      ],
      metadata: {
        from: `user${i}@example.org`,
        subject: sentences[i % sentences.length],
        tags: ["inbox", "work", `t${i % 17}`],
        size: 1024 + i,
        read: i % 2 === 0,
      },
      command: { description: tldr[i % tldr.length].description, example: tldr[i % tldr.length].command },
    };
    size += JSON.stringify(item).length;
    items.push(item);
  }
  return { result: { items, total: items.length } };
}
