// Child process for the crash test: appends envelopes in batch mode as fast as it can, with many
// appends in flight, and prints "ok <n>" for each append that resolved. The test SIGKILLs it.
// Usage: node crash-writer.mjs <dist index.js url> <dir> <first n> [per_record|checkpoint]
import { createSeededKeyPair } from "@sec0/testkit";

const [distUrl, dir, firstArg, signing = "per_record"] = process.argv.slice(2);
const { Sec0Appender } = await import(distUrl);
const appender = new Sec0Appender({
  config: { dir, durability: "batch", checkpointEvery: 50, signing },
  signer: createSeededKeyPair("audit-crash").signer,
});
let n = Number(firstArg);
const deadline = Date.now() + 5000;
process.stdout.write("ready\n");
while (Date.now() < deadline) {
  const batch = [];
  for (let i = 0; i < 64; i += 1) {
    const current = n++;
    batch.push(
      appender.append({ ts: new Date().toISOString(), n: current, tool: "crash@1.0", pad: "x".repeat(current % 300) }).then(() => {
        process.stdout.write(`ok ${current}\n`);
      }),
    );
  }
  await Promise.all(batch);
}
await appender.close();
