// A scratch directory holding what the service needs: a config file, a signing key under keys/
// and an audit dir, as a deployment would mount them.
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateKeyFile } from "@sec0/signer";

export interface ServiceDir {
  readonly dir: string;
  readonly configPath: string;
  readonly auditDir: string;
  /** The API key the config accepts (only its digest is in the file). */
  readonly apiKey: string;
  write(name: string, text: string): string;
  remove(): void;
}

/** The SHA-256 hex of a key, as `api_keys[].sha256` stores it. */
export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** A config that runs: tenant acme, enforce mode, one API key, `files` routed to `upstreamUrl`. */
export function validConfigYaml(upstreamUrl: string, apiKey: string, extra = ""): string {
  return `tenant: acme
gateway:
  name: sec0-gateway
  version: 1.0.0
targets:
  files: ${upstreamUrl}
enforcement:
  mode: enforce
audit:
  dir: ./audit
  key_ref: file://./keys/ed25519.key
api_keys:
  - id: ci
    sha256: ${sha256Hex(apiKey)}
    tenant: acme
${extra}`;
}

/** Creates the directory with a key file and, when given, `gateway.yaml`. */
export function createServiceDir(configYaml?: (apiKey: string) => string): ServiceDir {
  const dir = mkdtempSync(join(tmpdir(), "sec0-gateway-app-"));
  generateKeyFile("keys/ed25519.key", { cwd: dir });
  const apiKey = `sk-test-${Math.random().toString(36).slice(2)}`;
  const write = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  if (configYaml !== undefined) write("gateway.yaml", configYaml(apiKey));
  return {
    dir,
    configPath: join(dir, "gateway.yaml"),
    auditDir: join(dir, "audit"),
    apiKey,
    write,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
