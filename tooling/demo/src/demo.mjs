// `pnpm demo`: the whole sec0 system on this machine, on embedded defaults (PGlite, in-memory
// state), told as it runs. The control plane, the gateway and the approvals bridge start as
// `sec0 dev` starts them; a payments MCP server runs under the middleware behind the gateway; an
// instrumented orchestrator and agent make calls that are allowed, denied, withheld, replayed and
// escalated to a person; then the signed audit logs are verified and joined into one graph.
//   pnpm demo -- --keep                keep the workspace (keys, logs, configs) afterwards
//   pnpm demo -- --interactive         wait for you to press Approve on the approvals page
//   pnpm demo -- --redis redis://127.0.0.1:6379 --database-url postgres://…   real services
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { startDevStack } from "@sec0/cli";
import { freePort } from "./story/free-port.mjs";
import { prove } from "./story/prove.mjs";
import { runStory } from "./story/story.mjs";
import { publishPaymentsPolicy, startStoryPayments, storySystem } from "./story/story-system.mjs";

const { values: flags } = parseArgs({
  options: {
    keep: { type: "boolean", default: false },
    interactive: { type: "boolean", default: false },
    redis: { type: "string" },
    "database-url": { type: "string" },
  },
});
const say = (text = "") => process.stdout.write(`${text}\n`);
const started = Date.now();

async function main() {
  const work = mkdtempSync(join(tmpdir(), "sec0-demo-"));
  let stack;
  let payments;
  try {
    say(`sec0 demo: the whole system on this machine. Workspace ${work}`);
    say(
      flags.redis || flags["database-url"]
        ? `Storage: ${flags["database-url"] ? "PostgreSQL" : "PGlite"}, ${flags.redis ? "Redis" : "in-memory state"}.`
        : "Embedded defaults: PGlite for the control plane, in-memory state for the gateway and the bridge.",
    );
    const toolsPort = await freePort();
    say("\nStarting the control plane, the gateway and the approvals bridge (what `npx sec0 dev` runs)…");
    stack = await startDevStack({
      dir: join(work, "stack"),
      ports: "auto",
      tenant: "demo",
      approvers: ["alice"],
      targets: { payments: `http://127.0.0.1:${toolsPort}` },
      redisUrl: flags.redis,
      databaseUrl: flags["database-url"],
      logLevel: "warn",
      log: (service, line) => {
        if (/"level":(50|60)/.test(line)) say(`   [${service}] ${line}`);
      },
    });
    say(`   control plane   ${stack.urls.controlPlane}`);
    say(`   gateway         ${stack.urls.gateway}  →  payments ${stack.targets.payments}`);
    say(`   approvals page  ${stack.urls.approvalsPage}`);

    const policy = await publishPaymentsPolicy(stack);
    say(
      `\nPublished the payments policy to the control plane (version ${policy.version}, signed ${policy.signature.slice(0, 24)}…):`,
    );
    say("   allowlist of 4 payments tools; side effects need an idempotency key; tool outputs are scanned");
    say("   for injections; a transfer of 1,000 or more is escalated to a person.");

    const runs = [];
    const tools = await startStoryPayments(stack, { port: toolsPort, work, runs });
    payments = tools.server;
    const toolAuditDir = tools.auditDir;
    const system = storySystem(stack, { work, runs });
    say(
      `The payments MCP server runs under the sec0 middleware at ${payments.url}; its policy comes from the control plane.`,
    );
    say("\nThe orchestrator `workflow` hands invoice inv-1042 to `billing-agent`; every tool call goes");
    say("agent → gateway → middleware → tool, and each hop signs its own audit record.");

    const observed = await runStory(system, {
      say,
      ...(flags.interactive
        ? {
            waitForPerson: async () => {
              say(`\n   Open ${stack.urls.approvalsPage} and press Approve (or Reject).`);
            },
          }
        : {}),
    });
    say(`\nWhat really ran: ${runs.length === 0 ? "nothing" : runs.join("; ")}.`);

    await payments.close(); // flushes and seals the middleware's log with a checkpoint
    payments = undefined;
    say("\nProof: one verified custody chain for the run.");
    const proof = await prove({
      controlPlaneUrl: stack.urls.controlPlane,
      adminKey: stack.keys.admin,
      agentKey: stack.keys.agent,
      keyPath: stack.auditKeyPath,
      toolAuditDir,
      graphDirs: [system.agentAuditDir, stack.auditDirs.gateway, toolAuditDir],
      cwd: work,
      say,
    });
    const ok = observed.steps.length === 8 && proof.verify === 0 && proof.graph === 0;
    say(
      `\n${ok ? "The story completed" : "The story did NOT complete"} in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
    );
    if (flags.keep)
      say(
        `Kept the workspace ${work}; \`npx sec0 dev --dir ${join(work, "stack")}\` starts the same stack again.`,
      );
    process.exitCode = ok ? 0 : 1;
  } finally {
    await payments?.close();
    await stack?.stop();
    if (!flags.keep) rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(
    `sec0 demo failed: ${error?.code ? `${error.code}: ` : ""}${error?.message ?? error}\n`,
  );
  process.exitCode = 1;
});
