import type { AuditSink } from "@sec0/core";

/** An audit sink that keeps envelopes in memory, in append order. */
export interface MemoryAuditSink extends AuditSink {
  readonly records: ReadonlyArray<Readonly<Record<string, unknown>>>;
  clear(): void;
}

export function createMemoryAuditSink(): MemoryAuditSink {
  const records: Array<Readonly<Record<string, unknown>>> = [];
  return {
    records,
    append: async (envelope) => {
      records.push(structuredClone(envelope));
    },
    flush: async () => {},
    clear: () => {
      records.length = 0;
    },
  };
}
