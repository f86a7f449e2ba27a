// `sec0-sdk/policy` mirrors `@sec0/policy` exactly (`parsePolicyYaml`, `validatePolicy`, …), so the
// documented `import { parsePolicyYaml } from "sec0-sdk/policy"` runs as pasted.
export * from "@sec0/policy";
