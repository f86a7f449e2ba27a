import { describe, expect, it } from "vitest";
import { controlPlaneUrl, redactUrl } from "./control-plane-url.js";

describe("controlPlaneUrl", () => {
  it("joins a path under the base, keeping its prefix, and adds the defined query members", () => {
    expect(controlPlaneUrl("https://cp.example/", "/api/x")).toBe("https://cp.example/api/x");
    expect(controlPlaneUrl("https://cp.example/v2//", "/api/x", { a: "1", b: undefined })).toBe(
      "https://cp.example/v2/api/x?a=1",
    );
    expect(controlPlaneUrl("https://rt.example/v1/runtime/evaluate", "")).toBe(
      "https://rt.example/v1/runtime/evaluate",
    );
  });

  it("redacts credentials and the query", () => {
    expect(redactUrl("https://user:pw@cp.example/api/x?token=1")).toBe("https://cp.example/api/x");
  });
});
