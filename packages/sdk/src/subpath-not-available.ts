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

/** Every subpath of the docs that is not in this release, by name (`x` is `sec0-sdk/x`); none at present. */
// Empty: every subpath the docs import ships in this release.
export const SUBPATHS_NOT_AVAILABLE = {} as const satisfies Record<string, SubpathToCome>;

/** A subpath of {@link SUBPATHS_NOT_AVAILABLE}. */
export type SubpathNotAvailable = keyof typeof SUBPATHS_NOT_AVAILABLE;

/**
 * Throws `SDK_SUBPATH_NOT_AVAILABLE` for `sec0-sdk/<subpath>`; the stub module of each subpath
 * calls it when it is imported (ESM `import` or CommonJS `require`).
 *
 * @throws SDK_SUBPATH_NOT_AVAILABLE always; `details` carry `subpath` and `providedBy`.
 * @example
 * throwSubpathNotAvailable(name); // sec0-sdk/<name> is not in this release: …
 */
export function throwSubpathNotAvailable(subpath: SubpathNotAvailable): never {
  const { holds, providedBy, meanwhile } = SUBPATHS_NOT_AVAILABLE[subpath];
  throw new Sec0Error(
    "SDK_SUBPATH_NOT_AVAILABLE",
    `sec0-sdk/${subpath} is not in this release: ${holds} will ship in ${providedBy}, re-exported as sec0-sdk/${subpath}, in a later release; for now ${meanwhile}.`,
    { details: { subpath: `sec0-sdk/${subpath}`, providedBy } },
  );
}
