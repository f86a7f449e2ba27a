import { Sec0Appender } from "@sec0/audit";
import type { AuditSink, Logger } from "@sec0/core";
import { LocalDevSigner } from "@sec0/signer";
import type { AppProfile } from "../hop-types.js";

/**
 * One signed appender per app profile, made at the first hop call (never at decoration time).
 * A process has one or two profiles; a Map (not a WeakMap) lets {@link closeHopAudit} close them.
 */
const appenders = new Map<AppProfile, Sec0Appender>();
/** Appends queued and not yet settled, and the flushes waiting for that count to reach zero. */
let pendingCount = 0;
let drained: Array<() => void> = [];

/**
 * The audit sink of `profile`: a `Sec0Appender` writing to `profile.auditDir` in
 * `profile.auditSigning` mode (per record unless `controlPlane.auditSigning` says otherwise), signed with
 * `LocalDevSigner.fromKeyRef("file://<profile.signerPath>", profile.keyOptions)` (safe key
 * directories from the cwd and env `initializeSec0App` was given), created on first use and reused.
 *
 * @throws {Sec0Error} the signer's codes (`SIGNER_KEY_FILE_NOT_FOUND`, `SIGNER_KEY_OUTSIDE_SAFE_DIRS`,
 * …) at the first hop call when the key cannot be loaded: the hop does not run unrecorded.
 */
export function auditSinkFor(profile: AppProfile): AuditSink {
  const existing = appenders.get(profile);
  if (existing !== undefined) return existing;
  const signer = LocalDevSigner.fromKeyRef(`file://${profile.signerPath}`, profile.keyOptions);
  const appender = new Sec0Appender({
    config: { dir: profile.auditDir, signing: profile.auditSigning ?? "per_record" },
    signer,
  });
  appenders.set(profile, appender);
  return appender;
}

/**
 * Queues one record on `sink` without waiting for it (the hot path never awaits the disk);
 * a failure is logged (`error`, with the hop key and the error's code and message) and dropped.
 */
export function appendHopRecord(
  sink: AuditSink,
  envelope: Readonly<Record<string, unknown>>,
  logger: Logger,
): void {
  let appended: Promise<void>;
  try {
    appended = sink.append(envelope);
  } catch (error) {
    appended = Promise.reject(error);
  }
  pendingCount += 1;
  // One reaction per record (no `finally`, no Set): this runs on every hop.
  appended.then(settled, (error: unknown) => {
    try {
      logger.error(
        {
          hop_key: envelope.hop_key,
          code: (error as { code?: unknown })?.code,
          err: error instanceof Error ? error.message : String(error),
        },
        "sec0 hop audit append failed",
      );
    } catch {
      // A throwing logger must neither leave the record counted nor become an unhandled rejection.
    } finally {
      settled();
    }
  });
}

function settled(): void {
  pendingCount -= 1;
  if (pendingCount > 0 || drained.length === 0) return;
  const waiting = drained;
  drained = [];
  for (const resolve of waiting) resolve();
}

/** Waits until every queued hop record is written and synced (tests, shutdown). */
export async function flushHopAudit(): Promise<void> {
  if (pendingCount > 0) await new Promise<void>((resolve) => drained.push(resolve));
  await Promise.all([...appenders.values()].map((appender) => appender.flush()));
}

/** Flushes and closes every hop appender; the next hop call of a profile opens a new one. */
export async function closeHopAudit(): Promise<void> {
  await flushHopAudit();
  const open = [...appenders.values()];
  appenders.clear();
  await Promise.all(open.map((appender) => appender.close()));
}
