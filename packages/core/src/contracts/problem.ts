import { STATUS_CODES } from "node:http";
import { z } from "zod";

/** Media type of an RFC 9457 problem body. */
export const PROBLEM_CONTENT_TYPE = "application/problem+json";

/** A stable error code: `SCREAMING_SNAKE`, e.g. `CORE_TOOL_REF_INVALID` or `RATE_LIMITED`. */
export const ErrorCodeSchema = z
  .string()
  .regex(/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/, "expected a SCREAMING_SNAKE error code");

/**
 * An RFC 9457 `application/problem+json` body as every sec0 app reports errors: the standard
 * members plus `code` (the stable error code from docs/errors.md) and optional JSON-safe
 * `details`. Extension members are kept, as RFC 9457 §3.2 allows.
 *
 * @example
 * ProblemDetailsSchema.parse({ type: "about:blank", title: "Not Found", status: 404, code: "CP_TENANT_NOT_FOUND" });
 */
export const ProblemDetailsSchema = z.looseObject({
  type: z.string().min(1),
  title: z.string().min(1),
  status: z.number().int().min(400).max(599),
  detail: z.string().optional(),
  instance: z.string().optional(),
  code: ErrorCodeSchema,
  details: z.record(z.string(), z.unknown()).optional(),
});

/** An RFC 9457 problem body with a sec0 error code. */
export type ProblemDetails = z.infer<typeof ProblemDetailsSchema>;

/** Input of {@link createProblemDetails}. */
export interface ProblemDetailsInput {
  readonly status: number;
  readonly code: string;
  /** What happened and what to do; never a stack trace. */
  readonly detail?: string;
  /** Defaults to `about:blank`, whose title is the HTTP reason phrase. */
  readonly type?: string;
  /** Defaults to the HTTP reason phrase of `status`. */
  readonly title?: string;
  readonly instance?: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

/**
 * Builds a problem body with the defaults RFC 9457 prescribes (`about:blank`, the status phrase
 * as title). It does not validate `code`; parse the result with {@link ProblemDetailsSchema} in
 * tests.
 *
 * @example
 * createProblemDetails({ status: 429, code: "RATE_LIMITED", detail: "Retry after 1 s." });
 * // { type: "about:blank", title: "Too Many Requests", status: 429, code: "RATE_LIMITED", detail: "Retry after 1 s." }
 */
export function createProblemDetails(input: ProblemDetailsInput): ProblemDetails {
  const problem: ProblemDetails = {
    type: input.type ?? "about:blank",
    title: input.title ?? STATUS_CODES[input.status] ?? "Error",
    status: input.status,
    code: input.code,
  };
  if (input.detail !== undefined) problem.detail = input.detail;
  if (input.instance !== undefined) problem.instance = input.instance;
  if (input.details !== undefined) problem.details = { ...input.details };
  return problem;
}
