import { type Clock, isoTimestamp, Sec0Error } from "@sec0/core";
import { CHECKPOINT_TYPE, REPAIR_TYPE } from "./record.js";

/**
 * The fields of an envelope as the appender will sign them: a copy it owns, without `sig`, with
 * `ts` stamped by the clock when absent.
 *
 * @throws {Sec0Error} `AUDIT_ENVELOPE_INVALID` for a non-object or a reserved `type`.
 * @example
 * prepareEnvelope({ tool: "search@1.0" }, systemClock); // { tool: "search@1.0", ts: "2026-…" }
 */
export function prepareEnvelope(
  envelope: Readonly<Record<string, unknown>>,
  clock: Clock,
): Record<string, unknown> {
  if (typeof envelope !== "object" || envelope === null || Array.isArray(envelope)) {
    throw new Sec0Error("AUDIT_ENVELOPE_INVALID", "An audit envelope must be a plain object.");
  }
  // A copy the appender owns (`sealRecord` adds the chain fields to it). Rest destructuring, not
  // `{ ...envelope }`: V8 clones a spread into an object that turns slow when fields are added.
  const { sig: _sig, ...rest } = envelope;
  const fields: Record<string, unknown> = rest;
  if (fields.type === CHECKPOINT_TYPE || fields.type === REPAIR_TYPE) {
    throw new Sec0Error(
      "AUDIT_ENVELOPE_INVALID",
      `Envelope type "${String(fields.type)}" is reserved for the appender.`,
      {
        details: { field: "type" },
      },
    );
  }
  if (fields.ts === undefined || fields.ts === null) fields.ts = isoTimestamp(clock.now());
  return fields;
}
