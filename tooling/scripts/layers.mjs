// The dependency direction of the monorepo (STYLE.md "Dependency direction"), as data.
// Lower layers never import higher ones; `check-layers.mjs` enforces this on every package.json.

/** Layer of each workspace package, bottom (0) to top. */
export const LAYERS = {
  "@sec0/core": 0,
  "@sec0/policy": 1,
  "@sec0/signer": 1,
  "@sec0/audit": 1,
  "@sec0/evaluator": 1,
  "@sec0/guard": 2,
  "@sec0/scanners": 2,
  "@sec0/middleware": 3,
  "@sec0/gateway": 3,
  "@sec0/instrumentation": 3,
  "sec0-sdk": 4,
  "@sec0/cli": 4,
};

/**
 * Composing packages that may use another composing package (same layer), with the reason.
 * Keep it short: each entry is a design decision.
 */
export const SAME_LAYER_ALLOWED = {
  // `npm install sec0-sdk` is the one install the docs give, and they go on to `npx sec0 …`:
  // sec0-sdk depends on the CLI and links a `sec0` bin that runs it.
  "sec0-sdk": ["@sec0/cli"],
};

/** Private helper packages: only ever devDependencies of others. */
export const TOOLING_PREFIX = "tooling/";

/**
 * Apps that ship another app's static build, with the reason. Code never crosses: the bundled
 * app is read as files, and the two still talk only over HTTP.
 */
export const APP_BUNDLES = {
  // The control plane serves the console's built files at /console/ (same origin, no CORS), so
  // `sec0 dev` and the container have a console with no second service to run.
  "@sec0/control-plane-app": ["@sec0/console-app"],
};
