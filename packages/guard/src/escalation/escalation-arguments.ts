import { AGENT_GUARD_DETECTOR_IDS } from "@sec0/core";
import { type AgentGuard, createAgentGuard, placeholder, redactValue, SECRET_WORDS } from "@sec0/evaluator";

/** Largest JSON text of the arguments an escalation carries; longer ones are cut (and say so). */
export const ESCALATION_ARGUMENTS_MAX_CHARS = 8192;

/** What an escalation says of the call's arguments, for the humans who decide on it. */
export interface EscalationArguments {
  /** The arguments with secrets and PII replaced by typed placeholders; a JSON text prefix when cut. */
  readonly arguments: unknown;
  readonly arguments_truncated?: true;
}

// One name list decides what a secret is called (the secrets detector's); anchored to whole keys
// so `tokens_used` stays readable while `token`, `api_key`, `db_password` and `dbPassword` do not.
const SECRET_KEY = new RegExp(`(?:^|[_-])(?:${SECRET_WORDS.join("|")}|authorization|cookie)$`, "i");

let redactor: AgentGuard | undefined;

/**
 * The call's arguments as an escalation shows them to approvers: every value under a secret-like
 * key, and every secret or PII span Agent Guard's `secrets` and `pii` detectors find in a string,
 * replaced by `[REDACTED:<kind>]`; structure, numbers and keys kept. Text over
 * {@link ESCALATION_ARGUMENTS_MAX_CHARS} becomes its JSON prefix with `arguments_truncated`.
 * Never throws: arguments that cannot be read are shown as `"[unreadable]"`.
 *
 * @example
 * escalationArguments({ to: "jane@corp.com", api_key: "sk-…" });
 * // { arguments: { to: "[REDACTED:pii.email]", api_key: "[REDACTED:secret.key_name]" } }
 */
export function escalationArguments(args: unknown): EscalationArguments {
  try {
    const named = redactSecretKeys(args, new Set());
    const redacted = redactValue(named, guard().scanInput(named).findings);
    const text = JSON.stringify(redacted) ?? "null";
    if (text.length <= ESCALATION_ARGUMENTS_MAX_CHARS) return { arguments: redacted };
    return { arguments: text.slice(0, ESCALATION_ARGUMENTS_MAX_CHARS), arguments_truncated: true };
  } catch {
    return { arguments: "[unreadable]" };
  }
}

function redactSecretKeys(value: unknown, onStack: Set<object>): unknown {
  if (value === null || typeof value !== "object" || onStack.has(value)) return value;
  onStack.add(value);
  try {
    if (Array.isArray(value)) return value.map((item) => redactSecretKeys(item, onStack));
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      out[key] =
        isSecretKey(key) && item !== null && typeof item !== "object"
          ? placeholder("secret.key_name")
          : redactSecretKeys(item, onStack);
    }
    return out;
  } finally {
    onStack.delete(value);
  }
}

function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key.replace(/([a-z0-9])([A-Z])/g, "$1_$2"));
}

function guard(): AgentGuard {
  if (redactor !== undefined) return redactor;
  const off = Object.fromEntries(AGENT_GUARD_DETECTOR_IDS.map((id) => [id, { enabled: false }]));
  redactor = createAgentGuard(
    {
      detectors: {
        ...off,
        pii: { action: "redact", min_confidence: 0 },
        secrets: { action: "redact", min_confidence: 0 },
      },
    },
    { onIncomplete: "allow" },
  );
  return redactor;
}
