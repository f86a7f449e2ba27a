// `sec0-sdk/core` mirrors `@sec0/core` exactly; `export *` keeps the two from drifting.
export * from "@sec0/core";
