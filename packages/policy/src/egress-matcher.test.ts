import { describe, expect, it } from "vitest";
import { compileEgressMatcher } from "./egress-matcher.js";

const matcher = compileEgressMatcher([
  "*.example.com",
  "api.stripe.com",
  "https://secure.test",
  "internal.local:8443",
]);

describe("compileEgressMatcher", () => {
  it.each([
    ["https://a.example.com/x", true],
    ["https://a.b.example.com", true],
    ["https://example.com", false],
    ["https://evilexample.com", false],
    ["https://example.com.evil.net", false],
    ["https://api.stripe.com/v1/charges", true],
    ["https://API.Stripe.COM/", true],
    ["https://api.stripe.com.evil.net/", false],
    ["https://api.stripe.com@evil.net/", false],
    ["https://evil.net/?next=api.stripe.com", false],
    ["https://evil.net/api.stripe.com", false],
    ["https://secure.test/a", true],
    ["http://secure.test/a", false],
    ["https://internal.local:8443/", true],
    ["https://internal.local/", false],
    ["not a url", false],
    ["api.stripe.com", false],
  ])("%s → %s", (url, expected) => {
    expect(matcher.isAllowed(url)).toBe(expected);
  });

  it("accepts everything with *", () => {
    expect(compileEgressMatcher(["*"]).isAllowed("https://anything.example")).toBe(true);
  });
});
