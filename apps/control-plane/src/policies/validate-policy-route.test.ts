import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { forEachStorage, type OpenedDatabase } from "../__fixtures__/databases.js";
import { bearer, buildTestApp, keyFor } from "../__fixtures__/test-app.js";
import { PolicyValidationReplySchema } from "./validate-policy-route.js";

const GOOD = 'tenant: acme\ntools:\n  allowlist: ["*"]\nenforcement:\n  deny_on: [tool_not_in_allowlist]\n';
const UNKNOWN_KEY_LINE_3 = 'tenant: acme\ntools:\n  alowlist: ["*"]\n';
const AGENT_UNKNOWN_KEY_LINE_3 = '# agent planner\ntools:\n  alowlist: ["*"]\n';

forEachStorage("policy validate route", (storage) => {
  let opened: OpenedDatabase;
  let app: FastifyInstance;
  let reader: string;
  beforeAll(async () => {
    opened = await storage.open();
    app = await buildTestApp(opened);
    reader = await keyFor(opened, "acme", ["policy:read"]);
    await keyFor(opened, "beta", ["policy:read"]);
  });
  afterAll(async () => {
    await app.close();
    await opened.close();
  });

  const validate = (
    payload: string | object,
    { query = "level=middleware", key = reader, tenant = "acme" } = {},
  ) =>
    app.inject({
      method: "POST",
      url: `/api/policy/${tenant}/validate?${query}`,
      headers: {
        ...bearer(key),
        "content-type": typeof payload === "string" ? "text/yaml" : "application/json",
      },
      payload,
    });
  const validated = async (...args: Parameters<typeof validate>) => {
    const reply = await validate(...args);
    expect(reply.statusCode, reply.body).toBe(200);
    return PolicyValidationReplySchema.parse(reply.json());
  };
  const storedVersions = async () =>
    (await opened.db.query<{ n: number }>("SELECT count(*)::int AS n FROM policy_versions")).rows[0]?.n;

  it("answers valid: true for a good policy and stores nothing", async () => {
    expect(await validated(GOOD)).toEqual({ valid: true, errors: [], warnings: [] });
    expect(await validated({ yaml: GOOD })).toEqual({ valid: true, errors: [], warnings: [] });
    expect(await storedVersions()).toBe(0);
    const current = await app.inject({ url: "/api/policy/acme?level=middleware", headers: bearer(reader) });
    expect(current.body).toBe("");
  });

  it("answers the errors of a bad policy at their 1-based line and column", async () => {
    const reply = await validated(UNKNOWN_KEY_LINE_3);
    expect(reply.valid).toBe(false);
    expect(reply.warnings).toEqual([]);
    expect(reply.errors[0]).toMatchObject({
      code: "unknown_key",
      path: "tools.alowlist",
      line: 3,
      column: 3,
      suggestion: "allowlist",
    });
    const syntax = await validated("tenant: acme\ntools: [\n");
    expect(syntax.valid).toBe(false);
    expect(syntax.errors[0]).toMatchObject({ code: "yaml_syntax" });
    expect(syntax.errors[0]?.line).toBeGreaterThanOrEqual(1);
    expect(await storedVersions()).toBe(0);
  });

  it("reports exactly what publishing would refuse", async () => {
    const put = await app.inject({
      method: "PUT",
      url: "/api/policy/acme?level=middleware",
      headers: { ...bearer(await keyFor(opened, "acme", ["policy:write"])), "content-type": "text/yaml" },
      payload: UNKNOWN_KEY_LINE_3,
    });
    expect(put.statusCode).toBe(400);
    const issues = put.json().details.issues as {
      line: number;
      column: number;
      code: string;
      path: string;
    }[];
    const checked = await validated(UNKNOWN_KEY_LINE_3);
    expect(checked.errors.map(({ line, column, code, path }) => ({ line, column, code, path }))).toEqual(
      issues.map(({ line, column, code, path }) => ({ line, column, code, path })),
    );
  });

  it("reports a tenant: naming another tenant as the publish route does, at its line", async () => {
    const reply = await validated("# shared\ntenant: beta\ntools:\n  allowlist: []\n");
    expect(reply).toMatchObject({
      valid: false,
      errors: [{ code: "CP_POLICY_TENANT_MISMATCH", path: "tenant", line: 2, column: 9 }],
    });
    expect(reply.errors[0]?.message).toContain('names tenant "beta"');
  });

  it("validates an agent policy without tenant: with the lines as sent", async () => {
    expect(
      await validated('tools:\n  allowlist: ["mcp://db/query@1.0"]\n', {
        query: "level=middleware&nodeId=planner",
      }),
    ).toMatchObject({ valid: true, errors: [] });
    const bad = await validated(AGENT_UNKNOWN_KEY_LINE_3, { query: "level=gateway&nodeId=planner" });
    expect(bad.errors[0]).toMatchObject({ code: "unknown_key", line: 3 });
    // The base policy must name its tenant.
    expect((await validated('tools:\n  allowlist: ["*"]\n')).valid).toBe(false);
  });

  it("answers the lint warnings of a valid policy with their lines", async () => {
    const deny = "enforcement:\n  deny_on: [tool_not_in_allowlist]\n";
    const reply = await validated(`tenant: acme\ntools:\n  allowlist:\n    - "mcp:/files/read"\n${deny}`);
    expect(reply).toMatchObject({
      valid: true,
      errors: [],
      warnings: [
        { code: "POLICY_LINT_ALLOWLIST_UNMATCHABLE", path: "tools.allowlist[0]", line: 4, column: 7 },
      ],
    });
    expect(reply.warnings).toHaveLength(1);
    const agent = await validated(`# planner\ntools:\n  allowlist:\n    - "mcp:/files/read"\n${deny}`, {
      query: "level=middleware&nodeId=planner",
    });
    expect(agent.warnings).toMatchObject([{ code: "POLICY_LINT_ALLOWLIST_UNMATCHABLE", line: 4, column: 7 }]);
  });

  it("needs policy:read and the key's own tenant", async () => {
    const noScope = await validate(GOOD, { key: await keyFor(opened, "acme", ["escalation:vote"]) });
    expect(noScope.statusCode).toBe(403);
    expect(noScope.json().code).toBe("CP_SCOPE_MISSING");
    const otherTenant = await validate(GOOD, { tenant: "beta" });
    expect(otherTenant.statusCode).toBe(403);
    expect(otherTenant.json().code).toBe("CP_TENANT_MISMATCH");
    const noLevel = await validate(GOOD, { query: "" });
    expect(noLevel.statusCode).toBe(400);
    expect(noLevel.json().code).toBe("CP_REQUEST_INVALID");
    const notYaml = await validate({ policy: GOOD });
    expect(notYaml.statusCode).toBe(400);
    expect(notYaml.json().code).toBe("CP_BODY_INVALID");
  });
});
