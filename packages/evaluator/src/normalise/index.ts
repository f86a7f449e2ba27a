export { CONFUSABLE_LETTERS, CONFUSABLE_SYMBOLS } from "./confusables.js";
export { foldedView } from "./fold.js";
export { foldLeet, type LeetFold } from "./leet.js";
export { DEFAULT_NORMALISE_LIMITS, type ResolvedLimits, resolveLimits } from "./limits.js";
export type { NormaliseLimits, TextView, Transform } from "./transform.js";
export { collectMatchingViews, type MatchingViews, matchingViews, mayNeedViews } from "./views.js";
