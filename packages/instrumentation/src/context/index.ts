// Public names of src/context (wired into the package barrel by src/index.ts).
export { type ChildFrameInput, childFrame, type HopContextInput } from "./child-frame.js";
export { generateRunRef } from "./generate-run-ref.js";
export { headersForOutgoing } from "./headers-for-outgoing.js";
export { causeFromHeaders, type HopCause } from "./hop-cause.js";
export { currentHopFrame, runInHopFrame } from "./hop-frame-storage.js";
export { installOutgoingPropagation, propagatesTo } from "./propagate-outgoing.js";
