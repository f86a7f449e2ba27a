// The subpaths the sec0 docs import that this release does not have yet. Each has a stub module
// under not-available/ in the exports map, so importing it fails with a sentence saying where the
// names will come from and what to use meanwhile, instead of Node's bare
// ERR_PACKAGE_PATH_NOT_EXPORTED. When a subpath ships, its entry and stub go away.
import { Sec0Error } from "@sec0/core";

/** What a subpath will hold, which package will provide it, and what to use until then. */
export interface SubpathToCome {
  /** The names the docs import from it. */
  readonly holds: string;
  /** The package that will provide them; sec0-sdk will re-export it under the subpath. */
  readonly providedBy: string;
  /** What to use in this release instead. */
  readonly meanwhile: string;
}

/** Every subpath of the docs that is not in this release, by name (`otel` is `sec0-sdk/otel`). */
export const SUBPATHS_NOT_AVAILABLE = {
  otel: {
    holds: "the OpenTelemetry helpers (initTracing, getTracer, the span helpers)",
    providedBy: "@sec0/instrumentation",
    meanwhile:
      "sec0SecurityMiddleware from sec0-sdk/middleware exports the spans of governed calls to `otel.endpoint`, and startTraceExport from @sec0/instrumentation starts that export in a process of your own",
  },
  "mandate-ap2": {
    holds: "AP2 mandate verification (verifyAp2MandatesFromHeaders, computeArgsDigest)",
    providedBy: "@sec0/gateway",
    meanwhile:
      "verifyAp2Mandates from sec0-sdk/gateway verifies a call's mandates (signatures, expiry, issuer, cart digest); the gateway checks them on every covered call",
  },
} as const satisfies Record<string, SubpathToCome>;

/** A subpath of {@link SUBPATHS_NOT_AVAILABLE}. */
export type SubpathNotAvailable = keyof typeof SUBPATHS_NOT_AVAILABLE;

/**
 * Throws `SDK_SUBPATH_NOT_AVAILABLE` for `sec0-sdk/<subpath>`; the stub module of each subpath
 * calls it when it is imported (ESM `import` or CommonJS `require`).
 *
 * @throws SDK_SUBPATH_NOT_AVAILABLE always; `details` carry `subpath` and `providedBy`.
 * @example
 * throwSubpathNotAvailable("otel"); // sec0-sdk/otel is not in this release: …
 */
export function throwSubpathNotAvailable(subpath: SubpathNotAvailable): never {
  const { holds, providedBy, meanwhile } = SUBPATHS_NOT_AVAILABLE[subpath];
  throw new Sec0Error(
    "SDK_SUBPATH_NOT_AVAILABLE",
    `sec0-sdk/${subpath} is not in this release: ${holds} will ship in ${providedBy}, re-exported as sec0-sdk/${subpath}, in a later release; for now ${meanwhile}.`,
    { details: { subpath: `sec0-sdk/${subpath}`, providedBy } },
  );
}
