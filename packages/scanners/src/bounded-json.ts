import { Sec0Error } from "@sec0/core";

/** Largest report text an importer accepts. */
export const MAX_REPORT_BYTES = 32 * 1024 * 1024;
/** Most results an importer accepts from one report. */
export const MAX_REPORT_RESULTS = 100_000;

/** Refuses text over {@link MAX_REPORT_BYTES} with `SCANNERS_INPUT_TOO_LARGE`. */
export function assertReportSize(text: string, what: string): void {
  // UTF-16 length is at most the UTF-8 byte length, and 3× at worst: check the cheap bound first.
  if (
    text.length > MAX_REPORT_BYTES ||
    (text.length * 3 > MAX_REPORT_BYTES && Buffer.byteLength(text) > MAX_REPORT_BYTES)
  ) {
    throw new Sec0Error("SCANNERS_INPUT_TOO_LARGE", `${what} is larger than 32 MiB`, {
      details: { limitBytes: MAX_REPORT_BYTES },
    });
  }
}

/** Refuses more than {@link MAX_REPORT_RESULTS} results with `SCANNERS_INPUT_TOO_LARGE`. */
export function assertResultCount(count: number, what: string): void {
  if (count > MAX_REPORT_RESULTS) {
    throw new Sec0Error(
      "SCANNERS_INPUT_TOO_LARGE",
      `${what} holds ${count} results (limit ${MAX_REPORT_RESULTS})`,
      {
        details: { count, limit: MAX_REPORT_RESULTS },
      },
    );
  }
}

/** Bounded JSON.parse of a report: `SCANNERS_INPUT_TOO_LARGE` or `SCANNERS_INPUT_INVALID` (not JSON, not an object). */
export function parseReportJson(text: string, what: string): Record<string, unknown> {
  assertReportSize(text, what);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Sec0Error("SCANNERS_INPUT_INVALID", `${what} is not JSON: ${(error as Error).message}`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new Sec0Error("SCANNERS_INPUT_INVALID", `${what} is not a JSON object`);
  }
  return value as Record<string, unknown>;
}

/** `value` as an array of objects (anything else as `[]`). */
export function objects(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value)
    ? value.filter((v): v is Record<string, unknown> => typeof v === "object" && v !== null)
    : [];
}

/** `value` as an object (anything else as `{}`). */
export function object(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** `value` when it is a non-empty string. */
export function str(value: unknown): string | undefined {
  return typeof value === "string" && value.length > 0 ? value : undefined;
}

/** `value` when it is a positive integer. */
export function posInt(value: unknown): number | undefined {
  return typeof value === "number" && Number.isInteger(value) && value > 0 ? value : undefined;
}
