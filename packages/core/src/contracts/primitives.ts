import { z } from "zod";

/**
 * Lower-case hex SHA-256 digest (64 characters), the form of every hash on sec0's wires.
 *
 * @example
 * Sha256HexSchema.parse("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
 */
export const Sha256HexSchema = z
  .string()
  .regex(/^[0-9a-f]{64}$/, "expected a lower-case hex SHA-256 digest (64 characters)");

/** A lower-case hex SHA-256 digest. */
export type Sha256Hex = z.infer<typeof Sha256HexSchema>;

/**
 * A W3C trace id: 32 lower-case hex characters (`x-trace-id`, `x-cause-trace`, `trace_id`).
 *
 * @example
 * TraceIdSchema.parse("4bf92f3577b34da6a3ce929d0e0e4736");
 */
export const TraceIdSchema = z
  .string()
  .regex(/^[0-9a-f]{32}$/, "expected a trace id of 32 lower-case hex characters");

/** A W3C trace id. */
export type TraceId = z.infer<typeof TraceIdSchema>;

/**
 * A W3C span id: 16 lower-case hex characters (`x-span-id`, `x-cause-span`, `span_id`).
 *
 * @example
 * SpanIdSchema.parse("00f067aa0ba902b7");
 */
export const SpanIdSchema = z
  .string()
  .regex(/^[0-9a-f]{16}$/, "expected a span id of 16 lower-case hex characters");

/** A W3C span id. */
export type SpanId = z.infer<typeof SpanIdSchema>;

/**
 * An ISO 8601 date-time with a `Z` or numeric offset, as `Date.prototype.toISOString` writes it.
 *
 * @example
 * IsoDateTimeSchema.parse("2026-02-01T12:00:00.000Z");
 */
export const IsoDateTimeSchema = z.iso.datetime({ offset: true });

/** An ISO 8601 date-time string. */
export type IsoDateTime = z.infer<typeof IsoDateTimeSchema>;

/**
 * A JSON object with arbitrary members (tool arguments, metadata); arrays and primitives are refused.
 *
 * @example
 * JsonObjectSchema.parse({ path: "/tmp/a" });
 */
export const JsonObjectSchema = z.record(z.string(), z.unknown());

/** A JSON object with arbitrary members. */
export type JsonObject = z.infer<typeof JsonObjectSchema>;
