import type { SignalRule } from "./signal-rule.js";
import { ACTION_RULES } from "./signals/action.js";
import { ADDRESSEE_RULES } from "./signals/addressee.js";
import { AUTHORITY_RULES } from "./signals/authority.js";
import { HIDDEN_RULES } from "./signals/hidden.js";
import { MARKER_RULES } from "./signals/marker.js";
import { MENTION_RULES } from "./signals/mention.js";
import { OVERRIDE_RULES } from "./signals/override.js";
import { SECRECY_RULES } from "./signals/secrecy.js";
import { TARGET_RULES } from "./signals/target.js";

/** Every signal rule of every family, in family order. */
export const AGENT_INJECTION_RULES: readonly SignalRule[] = [
  ...ADDRESSEE_RULES,
  ...OVERRIDE_RULES,
  ...AUTHORITY_RULES,
  ...MARKER_RULES,
  ...HIDDEN_RULES,
  ...SECRECY_RULES,
  ...ACTION_RULES,
  ...TARGET_RULES,
  ...MENTION_RULES,
];
