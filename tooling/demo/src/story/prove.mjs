// The proof at the end of the story: the control plane witnesses the tool server's signed
// checkpoints, then `sec0 audit verify --witness` and `sec0 audit graph` run as a user types them.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { runCli } from "@sec0/cli";
import { LocalDevSigner } from "sec0-sdk/signer";

const DAY_FILE = /^audit-(\d{4}-\d{2}-\d{2})\.ndjson$/;

/**
 * Registers the audit key with the control plane, sends it the tool log's checkpoint lines (what a
 * deployment's uploader does), then verifies with the witness and prints the graph of all
 * directories. Resolves with both exit codes.
 */
export async function prove({
  controlPlaneUrl,
  adminKey,
  agentKey,
  keyPath,
  toolAuditDir,
  graphDirs,
  cwd,
  say,
}) {
  const print = say ?? (() => {});
  const signer = LocalDevSigner.fromKeyRef(`file://${keyPath}`, {
    env: { SEC0_SIGNER_KEY_DIRS: dirname(keyPath) },
  });
  const publicKey = Buffer.from(signer.publicKey).toString("base64");
  await api(controlPlaneUrl, adminKey, "PUT", "/api/audit/keys", {
    key_id: signer.keyId,
    public_key: publicKey,
  });
  const me = await api(controlPlaneUrl, agentKey, "POST", "/api/auth/validate-key", {});
  let witnessed = 0;
  for (const file of readdirSync(toolAuditDir).filter((name) => DAY_FILE.test(name))) {
    const date = DAY_FILE.exec(file)[1];
    const log = `tenants/${me.tenant}/${me.env}/clients/${me.clientName}/${me.clientVersion}/ingest/${date}/${file}`;
    for (const line of readFileSync(join(toolAuditDir, file), "utf8").split("\n")) {
      if (!line.includes('"sec0.checkpoint"')) continue;
      await api(controlPlaneUrl, agentKey, "POST", "/api/audit/checkpoints", { object_key: log, line });
      witnessed += 1;
    }
  }
  print(`The control plane witnessed ${witnessed} signed checkpoint(s) of the tool server's log.`);
  const io = {
    cwd,
    env: { SEC0_API_KEY: agentKey },
    stdout: (text) => print(text.replace(/\n$/, "")),
    stderr: (text) => print(text.replace(/\n$/, "")),
  };
  const rel = (dir) => relative(cwd, dir) || ".";
  print(
    `\n$ SEC0_API_KEY=<agent key> sec0 audit verify ${rel(toolAuditDir)} --public-key ${publicKey} --witness ${controlPlaneUrl}`,
  );
  const verify = await runCli(
    ["audit", "verify", toolAuditDir, "--public-key", publicKey, "--witness", controlPlaneUrl],
    io,
  );
  print(`\n$ sec0 audit graph ${graphDirs.map(rel).join(" ")} --public-key ${publicKey}`);
  const graph = await runCli(["audit", "graph", ...graphDirs, "--public-key", publicKey], io);
  return { verify, graph, witnessed };
}

async function api(baseUrl, key, method, path, body) {
  const reply = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const text = await reply.text();
  if (!reply.ok) throw new Error(`${method} ${path} answered ${reply.status}: ${text.slice(0, 300)}`);
  return text === "" ? undefined : JSON.parse(text);
}
