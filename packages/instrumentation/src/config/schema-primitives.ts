// Small zod building blocks shared by the sec0.config.yaml schemas.
import { z } from "zod";

/**
 * A non-empty string (trimmed). YAML turns `version: 1.0` into a number, so a number gets a
 * message saying to quote it rather than a bare type error.
 */
export function text() {
  return z.unknown().transform((value, ctx) => {
    if (typeof value === "number" || typeof value === "boolean") {
      ctx.addIssue({
        code: "custom",
        message: `must be a string; YAML read ${String(value)} as a ${typeof value}, so quote it (e.g. "1.0.0")`,
      });
      return z.NEVER;
    }
    if (typeof value !== "string") {
      ctx.addIssue({
        code: "custom",
        message: value === undefined ? "is required (a string)" : `must be a string (got ${kind(value)})`,
      });
      return z.NEVER;
    }
    const trimmed = value.trim();
    if (trimmed.length === 0) {
      ctx.addIssue({ code: "custom", message: "must not be empty" });
      return z.NEVER;
    }
    return trimmed;
  });
}

/** An `http:` or `https:` URL, kept as written without trailing slashes. */
export function httpUrl() {
  return text().transform((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: "custom", message: `"${value}" is not a URL; write e.g. http://127.0.0.1:8088` });
      return z.NEVER;
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      ctx.addIssue({ code: "custom", message: `"${value}" must be an http or https URL` });
      return z.NEVER;
    }
    return value.replace(/\/+$/, "");
  });
}

/** A host name (optionally `:port`) such as `api.example.com`, lower-cased; not a URL. */
export function hostName() {
  return text().transform((value, ctx) => {
    if (!/^[A-Za-z0-9.-]+(:\d{1,5})?$/.test(value) && !/^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/.test(value)) {
      ctx.addIssue({
        code: "custom",
        message: `"${value}" must be a host name such as api.example.com (optionally with :port), not a URL`,
      });
      return z.NEVER;
    }
    return value.toLowerCase();
  });
}

/** A list of reason codes (`deny_on`, `escalate_on`): non-empty strings, de-duplicated in order. */
export function reasonList() {
  return z.array(text()).transform((items) => [...new Set(items)]);
}

function kind(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  return typeof value === "object" ? "an object" : typeof value;
}
