// `sec0-sdk/audit`: the signed, hash-chained audit log.
export * from "@sec0/audit";
