import { describe, expect, it } from "vitest";
import { createProblemDetails, PROBLEM_CONTENT_TYPE, ProblemDetailsSchema } from "./problem.js";

describe("ProblemDetailsSchema", () => {
  const problem = { type: "about:blank", title: "Not Found", status: 404, code: "CP_TENANT_NOT_FOUND" };

  it("accepts a problem with a code and extension members", () => {
    expect(
      ProblemDetailsSchema.parse({ ...problem, detail: "No tenant acme.", trace_id: "t" }),
    ).toMatchObject({ trace_id: "t" });
    expect(PROBLEM_CONTENT_TYPE).toBe("application/problem+json");
  });

  it.each([
    ["no code", { ...problem, code: undefined }],
    ["a lower-case code", { ...problem, code: "not_found" }],
    ["a code with a double underscore", { ...problem, code: "CP__X" }],
    ["a success status", { ...problem, status: 200 }],
    ["a fractional status", { ...problem, status: 404.5 }],
    ["no title", { ...problem, title: undefined }],
  ])("refuses a problem with %s", (_label, body) => {
    expect(ProblemDetailsSchema.safeParse(body).success).toBe(false);
  });
});

describe("createProblemDetails", () => {
  it("fills type and title the RFC 9457 way and passes the schema", () => {
    const problem = createProblemDetails({ status: 429, code: "RATE_LIMITED", detail: "Retry after 1 s." });
    expect(problem).toEqual({
      type: "about:blank",
      title: "Too Many Requests",
      status: 429,
      code: "RATE_LIMITED",
      detail: "Retry after 1 s.",
    });
    expect(ProblemDetailsSchema.parse(problem)).toEqual(problem);
  });

  it("keeps an explicit type, title, instance and details", () => {
    const problem = createProblemDetails({
      status: 400,
      code: "CP_POLICY_INVALID",
      type: "urn:sec0:error:CP_POLICY_INVALID",
      title: "Policy invalid",
      instance: "/api/policy/acme",
      details: { line: 3 },
    });
    expect(problem).toMatchObject({
      type: "urn:sec0:error:CP_POLICY_INVALID",
      title: "Policy invalid",
      details: { line: 3 },
    });
  });
});
