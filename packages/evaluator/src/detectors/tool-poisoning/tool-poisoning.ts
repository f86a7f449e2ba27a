import type { Detector, DetectorMatch } from "../../types.js";
import { NO_MATCHES, runRules } from "../rule-set.js";
import { TOOL_POISONING_RULES } from "./rules.js";

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
