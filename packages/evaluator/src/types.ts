import type { AgentGuardDetectorId, AgentGuardFindingAction, Severity } from "@sec0/core";
import type { Transform } from "./normalise/transform.js";
import type { StringScan } from "./string-scan.js";

/** Identifier of a built-in detector (the `agent_guard.detectors` keys of the policy schema). */
export type DetectorId = AgentGuardDetectorId;

/** Finding codes, identical to sec0-sdk 0.2.3's Agent Guard codes for compatibility. */
export type FindingCode =
  | "agent_prompt_injection"
  | "agent_pii"
  | "agent_secret"
  | "agent_command_unsafe"
  | "agent_toxic_content"
  | "agent_malicious_code"
  | "agent_policy_violation"
  | "agent_data_exfil";

/** Which side of a tool call a value came from. */
export type ScanLocation = "input" | "output";

/** What a guard does with a finding: block the call, redact the span, or only record it. */
export type FindingAction = AgentGuardFindingAction;

/** One match reported by a detector inside a single string. Offsets are UTF-16 indices. */
export interface DetectorMatch {
  /** Sub-type, e.g. `pii.email`, `secrets.aws_access_key`, `prompt_injection.override`. */
  readonly kind: string;
  readonly start: number;
  readonly end: number;
  /** 0..1: how sure the detector is. Rules carry fixed values; the classifier its probability. */
  readonly confidence: number;
  /** Overrides the detector's default severity for this match. */
  readonly severity?: Severity;
  readonly message?: string;
  /** When true the evidence excerpt masks the matched text (secrets, PII). */
  readonly sensitive?: boolean;
}

/** A content detector: pure, synchronous, and safe to call on untrusted text of any size. */
export interface Detector {
  readonly id: DetectorId | string;
  readonly version: string;
  readonly code: FindingCode | string;
  readonly defaultSeverity: Severity;
  /** One paragraph: what the detector catches. */
  readonly catches: string;
  /** One paragraph: what it is known to miss. */
  readonly misses: string;
  /**
   * Returns the matches in `text` (possibly empty). Never throws on any string. `scan` is the
   * prefilter value of `text` when the caller has one (`scanValue` passes it); without it, or
   * when it describes another string, a built-in detector computes its own.
   */
  detect(text: string, scan?: StringScan): DetectorMatch[];
}

/** A detector match placed in a scanned JSON value. */
export interface Finding {
  readonly code: FindingCode | string;
  readonly detector: string;
  readonly kind: string;
  readonly severity: Severity;
  readonly confidence: number;
  /** JSONPath-like location of the string: `$`, `$.a.b[0]`, `$["odd key"]`. */
  readonly path: string;
  /** Span inside the string at `path`, UTF-16 offsets, end exclusive. */
  readonly start: number;
  readonly end: number;
  /** Short excerpt around the match; sensitive matches are masked in the middle. */
  readonly evidence: string;
  readonly message: string;
  readonly location?: ScanLocation;
  readonly action?: FindingAction;
  /** For custom rules: the rule id from the policy. */
  readonly ruleId?: string;
  /** True when the match is in an object key (`path` names the entry, suffixed `#key`). */
  readonly inKey?: boolean;
  /**
   * Set when only a normalised view of the string showed the match: the transforms that revealed
   * it (`nfkc`, `invisible`, `confusable`, `tags`, `leet`, `base64`, `hex`, `percent`). The span is
   * in the original string (a decoded run's whole encoded text); `evidence` is from the view.
   */
  readonly revealedBy?: readonly Transform[];
}
