import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
// @ts-expect-error plain JavaScript module without types
import { DOC, missingDist, ROOT, readBlock, renderConfigReference } from "./config-reference.mjs";

const missing: string[] = missingDist();
if (missing.length > 0)
  console.warn(`config-reference.test: skipped, ${missing.join(", ")} not built (pnpm build)`);

describe.skipIf(missing.length > 0)("docs/deploy.md configuration reference", () => {
  it("equals the block rendered from the apps' zod schemas (regenerate with pnpm docs:config)", async () => {
    const onDisk = readBlock(readFileSync(join(ROOT, DOC), "utf8"));
    expect(onDisk, "docs/deploy.md has no config-reference markers").toBeDefined();
    expect(onDisk, "docs/deploy.md is stale: run pnpm docs:config").toBe(await renderConfigReference());
  });

  it("lists every key of each schema, nested with dots and arrays as []", async () => {
    const block: string = await renderConfigReference();
    for (const key of [
      "`data_dir`",
      "`audit.key_ref`",
      "`api_keys[].sha256`",
      "`tenants.<key>.control_plane_key_ref`",
    ])
      expect(block).toContain(`| ${key} |`);
    expect(block).toContain("| `DATABASE_URL` | overrides `database_url` |");
    expect(block).toContain("| `SEC0_AUDIT_DIR` | overrides `audit.dir` |");
  });
});
