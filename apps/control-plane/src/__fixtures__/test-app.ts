// A control plane on a test database, with a tenant and keys to call it with.
import { LocalDevSigner } from "@sec0/signer";
import type { FastifyInstance } from "fastify";
import { createControlPlane } from "../app.js";
import { createApiKey } from "../keys/create-api-key.js";
import { createTenant } from "../keys/create-tenant.js";
import type { ApiKeyScope } from "../auth/scopes.js";
import type { OpenedDatabase } from "./databases.js";

/** The control plane's own signing key in tests (fixed, so signatures are reproducible). */
export const TEST_SIGNER = LocalDevSigner.fromSeed(new Uint8Array(32).fill(42));

/** Builds the app on `opened.db`. */
export async function buildTestApp(opened: OpenedDatabase): Promise<FastifyInstance> {
  const app = createControlPlane({ db: opened.db, signer: TEST_SIGNER });
  await app.ready();
  return app;
}

/** Creates tenant `tenantId` (if absent) and a key with `scopes`; returns the key text. */
export async function keyFor(opened: OpenedDatabase, tenantId: string, scopes: readonly ApiKeyScope[]): Promise<string> {
  await createTenant(opened.db, { id: tenantId, name: tenantId }, { ifAbsent: true });
  const key = await createApiKey(opened.db, { tenantId, label: `test ${scopes.join(" ")}`, scopes });
  return key.text;
}

/** `Authorization: Bearer <key>`. */
export const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
