import { defineSec0Project, withoutImportCondition } from "@sec0/vitest-config";

// `pg` (through the control plane the console tests start) requires `pg-pool`, whose exports put
// "import" before "require".
export default withoutImportCondition(defineSec0Project({ name: "@sec0/e2e", testTimeout: 60_000 }));
