import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { GuardConfigError, GuardPolicyUnavailableError } from "./guard-errors.js";
import {
  type GuardPolicyDocument,
  type GuardPolicyProvider,
  parsePolicyFile,
  policyDocumentOf,
} from "./guard-policy.js";

/** `provider.local`: an inline policy, or a file (a guard policy or a full policy.yaml). */
export interface LocalProviderConfig {
  readonly policy?: unknown;
  /** `.json`, or YAML: re-read when its modification time changes (checked at most every `cacheTtlMs`). */
  readonly policyPath?: string;
  /** How long a read file is trusted before its mtime is checked again (default 1000 ms). */
  readonly cacheTtlMs?: number;
}

/** Options the guard passes down. */
export interface LocalProviderOptions {
  readonly cwd?: string;
  readonly now?: () => number;
  /** A re-read failed and the last good policy stays in force. */
  readonly onReloadError?: (error: unknown) => void;
}

/**
 * The local policy. An inline policy is compiled once (a bad one throws at creation). A file is
 * read at the first decision and re-read when it changes; a broken edit keeps the last good policy
 * (reported through `onReloadError`); a file that never loaded makes every decision fail with
 * `GUARD_POLICY_UNAVAILABLE`, naming the parse error.
 *
 * @throws {GuardConfigError} `GUARD_CONFIG_INVALID` for neither or both of `policy` and
 *   `policyPath`, a bad inline policy or a bad `cacheTtlMs`.
 */
export function createLocalPolicyProvider(
  config: LocalProviderConfig,
  options: LocalProviderOptions = {},
): GuardPolicyProvider {
  if ((config.policy === undefined) === (config.policyPath === undefined)) {
    throw new GuardConfigError(
      "provider.local",
      "provider.local needs exactly one of policy (inline rules or a policy object) and policyPath (a policy.yaml or .json file).",
    );
  }
  if (config.policy !== undefined) {
    const document = policyDocumentOf(config.policy, "provider.local.policy");
    const value = { document, source: "local" as const };
    const resolved = Promise.resolve(value);
    return { get: () => resolved, peek: () => value, close: () => {} };
  }
  const ttl = config.cacheTtlMs ?? 1000;
  if (!Number.isFinite(ttl) || ttl < 0) {
    throw new GuardConfigError(
      "provider.local.cacheTtlMs",
      "provider.local.cacheTtlMs must be a number of ms ≥ 0.",
    );
  }
  const file = path.resolve(options.cwd ?? process.cwd(), String(config.policyPath));
  const now = options.now ?? Date.now;
  let current: { document: GuardPolicyDocument; mtimeMs: number } | undefined;
  let checkedAt = Number.NEGATIVE_INFINITY;
  let lastError: unknown;
  const load = (): void => {
    checkedAt = now();
    let mtimeMs: number;
    try {
      mtimeMs = statSync(file).mtimeMs;
      if (current !== undefined && mtimeMs === current.mtimeMs) return;
      current = { document: parsePolicyFile(readFileSync(file, "utf8"), file, parseYaml), mtimeMs };
      lastError = undefined;
    } catch (error) {
      lastError = error;
      if (current !== undefined) options.onReloadError?.(error);
    }
  };
  return {
    async get() {
      if (now() - checkedAt >= ttl) load();
      if (current === undefined) {
        throw new GuardPolicyUnavailableError(
          `The guard's policy file ${file} could not be loaded: ${(lastError as Error)?.message ?? "unknown error"}`,
          { details: { source: "local", file }, cause: lastError },
        );
      }
      return { document: current.document, source: "local" };
    },
    close: () => {},
  };
}
