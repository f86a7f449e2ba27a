import { describe, expect, it } from "vitest";
import { hrefOf, routeOf } from "./route.js";

describe("routeOf / hrefOf", () => {
  it("reads each page and an escalation's id from the fragment", () => {
    expect(routeOf("")).toEqual({ page: "escalations" });
    expect(routeOf("#/policies")).toEqual({ page: "policies" });
    expect(routeOf("#/evidence/")).toEqual({ page: "evidence" });
    expect(routeOf("#/escalations/esc_1")).toEqual({ page: "escalations", id: "esc_1" });
  });

  it("answers the queue for an unknown fragment, and round-trips ids that need escaping", () => {
    expect(routeOf("#/nowhere")).toEqual({ page: "escalations" });
    const route = { page: "escalations", id: "a/b c" } as const;
    expect(hrefOf(route)).toBe("#/escalations/a%2Fb%20c");
    expect(routeOf(hrefOf(route))).toEqual(route);
  });
});
