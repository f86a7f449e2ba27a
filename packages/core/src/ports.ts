import { randomUUID } from "node:crypto";

/** Source of the current time. Inject a fixed clock in tests. */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

/** The wall clock. */
export const systemClock: Clock = { now: () => Date.now() };

/** Source of unique ids (escalations, requests, runs). */
export interface IdGenerator {
  next(): string;
}

/** Random UUID v4 ids. */
export const randomIdGenerator: IdGenerator = { next: () => randomUUID() };

/**
 * A small structured logger port (pino-compatible call shape: object first, constant message).
 * Libraries are silent by default; apps pass their pino logger.
 */
export interface Logger {
  debug(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

const noop = (): void => {};

/** A logger that drops everything: the default of every library. */
export const silentLogger: Logger = { debug: noop, info: noop, warn: noop, error: noop };

/** Produces detached signatures over bytes. `@sec0/signer` implements it with Ed25519. */
export interface Signer {
  /** `ed25519:<sha256 hex of the public key>` for Ed25519 keys. */
  readonly keyId: string;
  /** Raw public key bytes, when the signer can disclose them. */
  readonly publicKey?: Uint8Array;
  sign(data: Uint8Array): Uint8Array;
}

/** Checks detached signatures. */
export interface Verifier {
  readonly keyId: string;
  verify(data: Uint8Array, signature: Uint8Array): boolean;
}

/** Options of {@link AuditSink.append}. */
export interface AuditAppendOptions {
  /**
   * The caller waits for this record before it answers (the policy enforces
   * `missing_audit_signature`): a sink that delays durability to group records (a group-commit
   * delay) makes this one durable at once.
   */
  readonly urgent?: boolean;
}

/** Where audit envelopes go. `@sec0/audit`'s `Sec0Appender` is the file implementation. */
export interface AuditSink {
  append(envelope: Readonly<Record<string, unknown>>, options?: AuditAppendOptions): Promise<void>;
  flush?(): Promise<void>;
}
