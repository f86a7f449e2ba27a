import type { Detector, DetectorId } from "../types.js";
import { commandUnsafeDetector } from "./command-unsafe/command-unsafe.js";
import { dataExfiltrationDetector } from "./data-exfiltration/data-exfiltration.js";
import { maliciousCodeDetector } from "./malicious-code/malicious-code.js";
import { piiDetector } from "./pii/pii.js";
import { policyViolationDetector } from "./policy-violation/policy-violation.js";
import { promptInjectionDetector } from "./prompt-injection/prompt-injection.js";
import { secretsDetector } from "./secrets/secrets.js";
import { toxicContentDetector } from "./toxic-content/toxic-content.js";

/** Every built-in detector by id. */
export const BUILTIN_DETECTORS: Readonly<Record<DetectorId, Detector>> = {
  prompt_injection: promptInjectionDetector,
  pii: piiDetector,
  secrets: secretsDetector,
  toxic_content: toxicContentDetector,
  command_unsafe: commandUnsafeDetector,
  malicious_code: maliciousCodeDetector,
  policy_violation: policyViolationDetector,
  data_exfiltration: dataExfiltrationDetector,
};

/** Where each detector runs by default, as in 0.2.3: injection and commands on inputs only. */
export const DEFAULT_LOCATIONS: Readonly<Record<DetectorId, readonly ("input" | "output")[]>> = {
  prompt_injection: ["input", "output"],
  pii: ["input", "output"],
  secrets: ["input", "output"],
  toxic_content: ["input", "output"],
  command_unsafe: ["input"],
  malicious_code: ["input", "output"],
  policy_violation: ["input", "output"],
  data_exfiltration: ["input", "output"],
};
