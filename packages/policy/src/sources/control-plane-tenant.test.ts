import { isSec0Error } from "@sec0/core";
import { startTestServer, type TestServer } from "@sec0/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createControlPlanePolicySource } from "./control-plane-source.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const policyFor = (tenant: string) =>
  `tenant: ${tenant}\ntools:\n  allowlist: ["*"]\nenforcement:\n  deny_on: [tool_not_in_allowlist]\n`;

function serve(yaml: () => string): void {
  server.handle((_request, response) => {
    response.writeHead(200, { "content-type": "application/yaml" }).end(yaml());
  });
}

function causeCode(error: unknown): string | undefined {
  let current: unknown = error;
  while (isSec0Error(current)) {
    if (current.code === "CORE_CONTROL_PLANE_TENANT_MISMATCH") return current.code;
    current = current.cause;
  }
  return undefined;
}

describe("control-plane policy source: the tenant of the reply is the one requested", () => {
  it("refuses a policy for another tenant on the first fetch (fail closed, code in the cause)", async () => {
    serve(() => policyFor("other-tenant"));
    const errors: unknown[] = [];
    const source = createControlPlanePolicySource({
      baseUrl: server.baseUrl,
      tenant: "acme",
      apiKey: "k",
      onError: (error) => errors.push(error),
    });
    const failure = await source.get().catch((error: unknown) => error);
    expect(isSec0Error(failure) && failure.code).toBe("POLICY_UNAVAILABLE");
    expect(causeCode(failure)).toBe("CORE_CONTROL_PLANE_TENANT_MISMATCH");
    expect(isSec0Error(errors[0]) && errors[0].code).toBe("CORE_CONTROL_PLANE_TENANT_MISMATCH");
    expect(isSec0Error(errors[0]) && errors[0].details).toMatchObject({
      requested: "acme",
      returned: "other-tenant",
    });
  });

  it("keeps the last good policy when a refresh returns another tenant's", async () => {
    let tenant = "acme";
    serve(() => policyFor(tenant));
    const errors: unknown[] = [];
    const source = createControlPlanePolicySource({
      baseUrl: server.baseUrl,
      tenant: "acme",
      apiKey: "k",
      onError: (error) => errors.push(error),
    });
    expect((await source.get()).policy.tenant).toBe("acme");
    tenant = "mallory";
    expect((await source.refresh()).policy.tenant).toBe("acme");
    expect(isSec0Error(errors[0]) && errors[0].code).toBe("CORE_CONTROL_PLANE_TENANT_MISMATCH");
  });
});
