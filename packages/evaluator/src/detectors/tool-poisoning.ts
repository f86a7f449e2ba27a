import type { Detector, DetectorMatch } from "../types.js";
import { NO_MATCHES, type PatternRule, runRules } from "./rule-set.js";

const rule = (
  kind: string,
  re: RegExp,
  confidence: number,
  severity: "medium" | "high" = "high",
): PatternRule => ({
  kind: `tool_poisoning.${kind}`,
  re,
  severity,
  confidence,
});

// Paths whose contents are credentials or agent configuration: what a poisoned description asks
// the model to read. `.env` alone is left out: tools that load dotenv files describe it plainly.
const SECRET_PATH =
  /(?:~\/\.ssh\b|\.ssh\/|\bid_(?:rsa|dsa|ecdsa|ed25519)\b|\.aws\/credentials|\.gnupg\b|\.netrc\b|\.npmrc\b|\.pypirc\b|\.git-credentials\b|\.docker\/config\.json|\.kube\/config\b|\bmcp\.json\b|\.cursor\/|claude_desktop_config\.json|\/etc\/(?:passwd|shadow)\b|\.bash_history\b)/
    .source;

/**
 * Rules for instructions aimed at the model inside a tool's own definition (description, title,
 * parameter descriptions, enum values, defaults): what "tool poisoning" and "tool shadowing"
 * payloads say. `medium` rules are evidence only; `high` ones poison the definition.
 */
export const TOOL_POISONING_RULES: readonly PatternRule[] = [
  rule(
    "secret_file",
    new RegExp(
      `\\b(?:read|open|cat|load|fetch|get|grab|access|include|attach|upload|send|copy|print|output|paste|collect)\\b[^.!?\\n]{0,60}?${SECRET_PATH}`,
      "gi",
    ),
    0.85,
  ),
  rule(
    "concealment",
    /\b(?:do\s+not|don['’]t|never)\s+(?:tell|mention|inform|notify|reveal|disclose|alert|warn|show)\s+(?:(?:this|it|that|anything)\s+(?:to\s+)?)?(?:the\s+)?(?:users?|humans?|operators?)\b|\b(?:do\s+not|don['’]t|never)\s+(?:mention|reveal|disclose)\s+(?:that|this|it)\b/gi,
    0.85,
  ),
  rule(
    "tool_shadowing",
    /\bwhen\s+this\s+tool\s+is\s+(?:available|present|installed|loaded|enabled|connected)\b|\b(?:side\s+effects?|effect)\s+on\s+(?:the\s+)?(?:also\s+present\s+|other\s+)?[\w.-]+\s+tool\b/gi,
    0.8,
  ),
  rule(
    "redirect_recipient",
    /\b(?:send|forward|redirect|bcc|cc|copy|route)\b[^.!?\n]{0,30}\b(?:all|every|each|any)\b[^.!?\n]{0,30}\bto\s+[\w.+-]+@[\w-]+(?:\.[\w-]+)+/gi,
    0.8,
  ),
  rule(
    "system_prompt",
    /\b(?:include|pass|send|put|add|provide|append|attach|copy|paste)\b[^.!?\n]{0,40}\b(?:your|the)\s+(?:system|hidden|initial)\s+(?:prompt|instructions)\b/gi,
    0.8,
  ),
  rule("hidden_characters", /[\u{E0000}-\u{E007F}]/gu, 0.95),
  rule("bidi_control", /[\u202A-\u202E\u2066-\u2069]/g, 0.8),
  rule(
    "conversation_history",
    /\b(?:include|pass|send|put|add|provide|append|attach|copy|paste)\b[^.!?\n]{0,40}\b(?:(?:entire|full|whole|complete)\s+(?:conversation|chat)|conversation\s+history|chat\s+history|previous\s+messages)\b/gi,
    0.7,
    "medium",
  ),
  rule(
    "instruction_tag",
    /<\s*\/?\s*(?:important|system|instructions?|hidden|secret|admin|critical|override)\s*>/gi,
    0.6,
    "medium",
  ),
  rule(
    "precondition",
    /\bbefore\s+(?:using|calling|invoking|running|executing|you\s+use)\s+(?:this|the|any)\s+tool\b[^.!?\n]{0,60}\b(?:read|open|cat|send|upload|include|pass|fetch|visit)\b/gi,
    0.6,
    "medium",
  ),
  rule("zero_width", /[\u200B\u200C\u2060\uFEFF]/g, 0.6, "medium"),
];

/**
 * Tool poisoning: instructions for the model planted in an MCP tool's definition, which the
 * client hands to the model verbatim in `tools/list`. Meant for tool definitions, not for call
 * content (it is not one of the `agent_guard.detectors`); `@sec0/guard` runs it with the
 * prompt-injection and data-exfiltration detectors on every listed definition.
 */
export const toolPoisoningDetector: Detector = {
  id: "tool_poisoning",
  version: "1.0.0",
  code: "agent_tool_poisoning",
  defaultSeverity: "high",
  catches:
    "Requests to read credential or agent-config files (`~/.ssh`, `id_rsa`, `.aws/credentials`, `mcp.json`, `.cursor/`, `/etc/passwd`, …), concealment (`do not tell the user`, `don't mention this`), tool shadowing (`when this tool is available…`, `side effect on the send_email tool`), redirecting every message or mail to a fixed address, requests to pass the system prompt along, invisible Unicode tag characters and bidi controls; as evidence only (medium): `<IMPORTANT>`-style instruction tags, `before using this tool … read/send`, requests for the conversation history, zero-width characters.",
  misses:
    "Poisoning phrased as ordinary usage advice (`always call this tool first`), instructions that name an innocuous-looking file or parameter, payloads in languages other than English, text split by zero-width characters (reported, but not rejoined before matching), and instructions the server sends later in tool results (the output scan covers those).",
  detect(text: string): DetectorMatch[] {
    if (text.length === 0) return NO_MATCHES;
    return runRules(text, TOOL_POISONING_RULES);
  },
};
