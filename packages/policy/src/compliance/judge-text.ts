import { POLICY_DEFAULTS } from "../defaults.js";
import type { ComplianceJudge, ComplianceJudgeVerdict } from "./judge.js";

/** What {@link judgeText} asks about one rule. */
export interface JudgeTextRequest {
  readonly instruction: string;
  readonly threshold: number;
  readonly ruleId: string;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
}

/** The strongest verdict over every chunk, with the chunk it came from. */
export interface JudgedText {
  readonly score: number;
  readonly evidence?: string;
  readonly chunk: string;
}

/**
 * Splits `text` into chunks of `maxJudgeChars` that overlap by `judgeChunkOverlap` characters, so
 * that a phrase on a boundary is whole in one of them.
 *
 * @throws {Error} when the text needs more than `maxJudgeChunks` chunks ("too large to judge").
 * @example
 * chunkText("a".repeat(20_000)).length; // 3
 */
export function chunkText(text: string): string[] {
  const { maxJudgeChars: size, judgeChunkOverlap: overlap, maxJudgeChunks } = POLICY_DEFAULTS.compliance;
  if (text.length <= size) return [text];
  const step = size - overlap;
  const count = Math.ceil((text.length - overlap) / step);
  if (count > maxJudgeChunks) {
    throw new Error(
      `text too large to judge: ${text.length} characters need ${count} chunks (at most ${maxJudgeChunks} of ${size})`,
    );
  }
  return Array.from({ length: count }, (_, index) => text.slice(index * step, index * step + size));
}

/**
 * Judges every chunk of `text` (a violation in any chunk is a violation) and returns the highest
 * score. Each request has `timeoutMs`; a judge that rejects, hangs or answers without a score in
 * 0..100 rejects the whole text, which the caller treats per `on_judge_error`.
 *
 * @example
 * const { score } = await judgeText(judge, longText, { instruction, threshold: 70, ruleId: "r", timeoutMs: 10_000 });
 */
export async function judgeText(
  judge: ComplianceJudge,
  text: string,
  request: JudgeTextRequest,
): Promise<JudgedText> {
  const verdicts = await Promise.all(
    chunkText(text).map(async (chunk) => ({ chunk, ...(await judgeChunk(judge, chunk, request)) })),
  );
  return verdicts.reduce((best, next) => (next.score > best.score ? next : best));
}

async function judgeChunk(
  judge: ComplianceJudge,
  text: string,
  request: JudgeTextRequest,
): Promise<ComplianceJudgeVerdict> {
  const timeout = AbortSignal.timeout(request.timeoutMs);
  const signal = request.signal === undefined ? timeout : AbortSignal.any([request.signal, timeout]);
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(new Error(`judge did not answer within ${request.timeoutMs} ms`));
    if (signal.aborted) onAbort();
    else signal.addEventListener("abort", onAbort, { once: true });
  });
  try {
    const verdict = await Promise.race([
      judge.evaluate({
        instruction: request.instruction,
        text,
        threshold: request.threshold,
        ruleId: request.ruleId,
        signal,
      }),
      aborted,
    ]);
    return validVerdict(verdict);
  } finally {
    if (onAbort !== undefined) signal.removeEventListener("abort", onAbort);
  }
}

function validVerdict(verdict: unknown): ComplianceJudgeVerdict {
  const candidate = verdict as Partial<ComplianceJudgeVerdict> | null | undefined;
  const score = candidate?.score;
  if (typeof score !== "number" || !Number.isFinite(score) || score < 0 || score > 100) {
    throw new Error("judge answered without a score between 0 and 100");
  }
  const evidence = typeof candidate?.evidence === "string" ? candidate.evidence : undefined;
  return evidence === undefined ? { score } : { score, evidence };
}
