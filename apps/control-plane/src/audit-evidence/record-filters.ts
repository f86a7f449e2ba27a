import { z } from "zod";

const filter = z.string().min(1).max(500).optional();

/**
 * The filters of `GET /api/audit/records` and its export, with a `limit` defaulting to
 * `defaultLimit` and at most `maxLimit`.
 */
export function recordFiltersSchema(defaultLimit: number, maxLimit: number) {
  return z.strictObject({
    node_id: filter,
    run: filter,
    trace_id: filter,
    decision: filter,
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    limit: z.coerce.number().int().min(1).max(maxLimit).default(defaultLimit),
  });
}
