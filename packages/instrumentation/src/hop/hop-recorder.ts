import type { Span } from "@opentelemetry/api";
import {
  type AgentStateVariables,
  type AuditSink,
  type Clock,
  type Decision,
  jsonText,
  type Logger,
} from "@sec0/core";
import type { AppProfile, HopFrame } from "../hop-types.js";
import { buildHopEnvelope } from "./build-hop-envelope.js";
import { appendHopRecord } from "./hop-audit-sink.js";
import { digestOf, StreamDigest } from "./hop-digest.js";
import { endHopSpan } from "./hop-span.js";
import type { HopRedaction } from "./run-hop-options.js";

/** What a {@link HopRecorder} needs to know about the hop it records. */
export interface HopRecorderInit {
  readonly profile: AppProfile;
  readonly sink: AuditSink;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly frame: HopFrame;
  readonly span: Span;
  readonly decision: Decision;
  readonly startedAt: number;
  /** The caller's arguments, without the appended AgentManager. */
  readonly args: readonly unknown[];
  readonly redact?: HopRedaction;
  readonly recordContent: boolean;
  /** The agent state's variables when the hop ends (its AgentManager's snapshot). */
  readonly variables: () => AgentStateVariables | undefined;
}

/**
 * Ends one hop exactly once: ends its span and queues its one audit record (`status` ok or
 * error, digests of the redacted arguments and result). Later calls are ignored.
 */
export class HopRecorder {
  readonly #init: HopRecorderInit;
  #finished = false;
  #stream: StreamDigest | undefined;
  #yields: unknown[] | undefined;

  constructor(init: HopRecorderInit) {
    this.#init = init;
  }

  /** Async generators: adds one yielded value to the output digest. */
  yielded(value: unknown): void {
    this.#stream ??= new StreamDigest();
    const redacted = this.#redactOutput(value);
    this.#stream.add(redacted);
    if (!this.#init.recordContent) return;
    this.#yields ??= [];
    this.#yields.push(jsonSafe(redacted));
  }

  /** The hop returned `result` (for an async generator: it finished; `result` is ignored). */
  succeeded(result: unknown): void {
    if (this.#finished) return;
    this.#finish("ok", undefined, result);
  }

  /** The hop threw `error`, or was denied with it before running. */
  failed(error: unknown): void {
    if (this.#finished) return;
    this.#finish("error", error, undefined);
  }

  #finish(status: "ok" | "error", error: unknown, result: unknown): void {
    this.#finished = true;
    const init = this.#init;
    endHopSpan(init.span, status === "error" ? (error ?? new Error("hop failed")) : undefined);
    const redactedInput = this.#redactInput();
    const streamed = this.#stream !== undefined;
    const output = status === "ok" && !streamed ? this.#redactOutput(result) : undefined;
    const outputSha256 =
      status !== "ok" ? null : streamed ? (this.#stream as StreamDigest).finish() : digestOf(output);
    const code = (error as { code?: unknown } | undefined)?.code;
    const envelope = buildHopEnvelope({
      profile: init.profile,
      frame: init.frame,
      decision: init.decision,
      status,
      startedAt: init.startedAt,
      endedAt: init.clock.now(),
      inputSha256: digestOf(redactedInput),
      outputSha256,
      agentVariables: safeVariables(init.variables),
      ...(init.recordContent
        ? {
            content: {
              input: jsonSafe(redactedInput),
              ...(status === "ok" ? { output: streamed ? (this.#yields ?? []) : jsonSafe(output) } : {}),
            },
          }
        : {}),
      ...(typeof code === "string" ? { errorCode: code } : {}),
    });
    appendHopRecord(init.sink, envelope, init.logger);
  }

  // A redaction hook that throws leaves nothing to hash (digest null), never the raw value.
  #redactInput(): unknown {
    const hook = this.#init.redact?.input;
    if (hook === undefined) return this.#init.args;
    try {
      return hook(this.#init.args);
    } catch {
      return undefined;
    }
  }

  #redactOutput(value: unknown): unknown {
    const hook = this.#init.redact?.output;
    if (hook === undefined) return value;
    try {
      return hook(value);
    } catch {
      return undefined;
    }
  }
}

/** A JSON copy of `value` (what the signed record can hold), or `null` when it has none. */
function jsonSafe(value: unknown): unknown {
  try {
    const text = jsonText(value);
    return text === undefined ? null : JSON.parse(text);
  } catch {
    return null;
  }
}

function safeVariables(read: () => AgentStateVariables | undefined): AgentStateVariables | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}
