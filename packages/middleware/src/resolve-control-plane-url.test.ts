import { describe, expect, it } from "vitest";
import { DEFAULT_CONTROL_PLANE_URL, resolveControlPlaneUrl } from "./resolve-policy-source.js";

describe("resolveControlPlaneUrl: only SEC0_* variables and explicit options route the API key", () => {
  it.each(["API_BASE_URL", "CONTROL_PLANE_URL"])("ignores the generic %s", (name) => {
    const env = { [name]: "https://unrelated.example.com" };
    expect(resolveControlPlaneUrl({ env })).toBe(DEFAULT_CONTROL_PLANE_URL);
  });

  it("takes SEC0_CONTROL_PLANE_URL, and the option over it", () => {
    const env = { SEC0_CONTROL_PLANE_URL: "https://cp.example.com/", API_BASE_URL: "https://other.example" };
    expect(resolveControlPlaneUrl({ env })).toBe("https://cp.example.com");
    expect(resolveControlPlaneUrl({ env, controlPlaneUrl: "https://opt.example.com" })).toBe(
      "https://opt.example.com",
    );
  });
});
