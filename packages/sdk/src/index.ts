// The root of sec0-sdk: the most used names of every subpath. Prefer the subpaths
// (`sec0-sdk/policy`, `sec0-sdk/middleware`, ...) in new code.

export { isSec0Error, Sec0Error } from "@sec0/core";
