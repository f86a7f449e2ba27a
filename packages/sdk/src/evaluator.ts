// `sec0-sdk/evaluator` mirrors `@sec0/evaluator` exactly; `export *` keeps the two from drifting.
export * from "@sec0/evaluator";
