import { defineSec0Project, withoutImportCondition } from "@sec0/vitest-config";

// `pg` requires `pg-pool`, whose exports put "import" before "require".
export default withoutImportCondition(defineSec0Project({ name: "@sec0/demo", include: ["src/*.test.ts"] }));
