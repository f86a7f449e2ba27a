// `sec0-sdk/middleware` mirrors `@sec0/middleware` exactly; `export *` keeps the two from drifting.
export * from "@sec0/middleware";
