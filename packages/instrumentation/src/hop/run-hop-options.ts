import type { AuditSink, Clock, Logger } from "@sec0/core";
import type { AppProfile } from "../hop-types.js";

/**
 * What a hop's audit record hashes instead of the raw arguments or result. Return a value that
 * leaves out what must never be fingerprinted (a password, a prompt); its JSON text is hashed.
 */
export interface HopRedaction {
  /** Replaces the arguments (without the appended AgentManager) before `input_sha256`. */
  input?(args: readonly unknown[]): unknown;
  /** Replaces the result (for an async generator: each yielded value) before `output_sha256`. */
  output?(result: unknown): unknown;
}

/** Options of {@link runHop} and of every `sec0.*` decorator and `sec0.wrap.*` wrapper. */
export interface RunHopOptions {
  /** The app profile; default `getSec0AppConfig()` at call time (never at decoration time). */
  readonly profile?: AppProfile;
  /** Hooks that replace what the digests cover. */
  readonly redact?: HopRedaction;
  /**
   * Also write the (redacted) arguments and result into the record as `input` / `output`.
   * Default false: records carry digests only.
   */
  readonly recordContent?: boolean;
  /** Receives audit-append failures (`error`); silent by default. */
  readonly logger?: Logger;
  readonly clock?: Clock;
  /**
   * Tests only: where records go instead of the profile's signed `Sec0Appender`, e.g.
   * `createMemoryAuditSink()` of `@sec0/testkit`.
   */
  readonly auditSink?: AuditSink;
}
