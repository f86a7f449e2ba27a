// `sec0-sdk/core` mirrors `@sec0/core` and its wire contracts (`@sec0/core/contracts`) exactly, as
// 0.2.3's `sec0-sdk/core` held both; `export *` keeps them from drifting.
export * from "@sec0/core";
export * from "@sec0/core/contracts";
