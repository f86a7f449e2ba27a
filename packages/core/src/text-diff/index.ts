// `@sec0/core/text-diff`: the unified line diff of two texts. Dependency-free and browser-safe:
// the control plane answers policy diffs with it and the console diffs unsaved edits with it.
export { unifiedLineDiff } from "./unified-line-diff.js";
