import { describe, expect, it } from "vitest";
import { createApiClient } from "../api/api-client.js";
import { fetchCurrentPolicy, publishPolicy, rollbackPolicy, validatePolicy } from "./policy-api.js";

type Seen = { url: string; method: string; headers: Record<string, string>; body: string | undefined };

function clientAnswering(response: () => Response) {
  const seen: Seen[] = [];
  const api = createApiClient({
    apiKey: "sec0_test",
    fetch: async (input, init) => {
      seen.push({
        url: String(input),
        method: init?.method ?? "GET",
        headers: init?.headers as Record<string, string>,
        body: init?.body as string | undefined,
      });
      return response();
    },
  });
  return { api, seen };
}

const target = { tenant: "acme", level: "middleware" as const };

describe("fetchCurrentPolicy", () => {
  it("reads the text, version and ETag", async () => {
    const { api, seen } = clientAnswering(
      () =>
        new Response("tenant: acme\n", {
          headers: { "x-sec0-policy-version": "4", etag: '"abc"', "content-type": "text/yaml" },
        }),
    );
    expect(await fetchCurrentPolicy(api, { ...target, nodeId: "planner" })).toEqual({
      text: "tenant: acme\n",
      version: 4,
      etag: '"abc"',
    });
    expect(seen[0]?.url).toBe("/api/policy/acme?level=middleware&nodeId=planner");
  });

  it("reads an empty body or CP_NOT_FOUND as no policy", async () => {
    const empty = clientAnswering(() => new Response(""));
    expect(await fetchCurrentPolicy(empty.api, target)).toEqual({ text: "" });
    const missing = clientAnswering(
      () => new Response(JSON.stringify({ code: "CP_NOT_FOUND", detail: "none" }), { status: 404 }),
    );
    expect(await fetchCurrentPolicy(missing.api, target)).toEqual({ text: "" });
  });

  it("throws other failures", async () => {
    const { api } = clientAnswering(
      () => new Response(JSON.stringify({ code: "CP_SCOPE_MISSING", detail: "no" }), { status: 403 }),
    );
    await expect(fetchCurrentPolicy(api, target)).rejects.toMatchObject({ code: "CP_SCOPE_MISSING" });
  });
});

describe("writes", () => {
  it("validates and publishes YAML as text/yaml, with If-Match when an ETag is known", async () => {
    const { api, seen } = clientAnswering(
      () => new Response(JSON.stringify({ valid: true, errors: [], warnings: [] })),
    );
    await validatePolicy(api, target, "tenant: acme\n");
    await publishPolicy(api, target, "tenant: acme\n", '"abc"');
    await publishPolicy(api, target, "tenant: acme\n", undefined);
    expect(seen.map((call) => [call.method, call.url, call.headers["content-type"], call.body])).toEqual([
      ["POST", "/api/policy/acme/validate?level=middleware", "text/yaml", "tenant: acme\n"],
      ["PUT", "/api/policy/acme?level=middleware", "text/yaml", "tenant: acme\n"],
      ["PUT", "/api/policy/acme?level=middleware", "text/yaml", "tenant: acme\n"],
    ]);
    expect(seen[1]?.headers["if-match"]).toBe('"abc"');
    expect(seen[2]?.headers["if-match"]).toBeUndefined();
  });

  it("rolls back with the target version as JSON", async () => {
    const { api, seen } = clientAnswering(
      () => new Response(JSON.stringify({ version: 3 }), { status: 201 }),
    );
    await rollbackPolicy(api, { tenant: "acme", level: "gateway" }, 1, undefined);
    expect(seen[0]).toMatchObject({
      method: "POST",
      url: "/api/policy/acme/rollback?level=gateway",
      body: '{"version":1}',
    });
  });
});
