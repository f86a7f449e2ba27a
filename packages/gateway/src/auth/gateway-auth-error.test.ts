// Every code thrown under auth/ is in GATEWAY_AUTH_ERRORS, and every table code is thrown.
import { readdirSync, readFileSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { GATEWAY_AUTH_ERRORS, GatewayAuthError, isGatewayAuthError } from "./gateway-auth-error.js";

const folder = dirname(fileURLToPath(import.meta.url));

describe("GATEWAY_AUTH_ERRORS", () => {
  it("lists exactly the codes auth/ throws", () => {
    const text = readdirSync(folder)
      .filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts"))
      .map((file) =>
        readFileSync(`${folder}/${file}`, "utf8").replace(
          /export const GATEWAY_AUTH_ERRORS[\s\S]*?\}\);/,
          "",
        ),
      )
      .join("\n");
    const thrown = [
      ...new Set([...text.matchAll(/"(GATEWAY_[A-Z0-9_]+)"/g)].map((match) => match[1])),
    ].sort();
    expect(thrown).toEqual(Object.keys(GATEWAY_AUTH_ERRORS).sort());
  });

  it("marks only jwks_unavailable as retryable", () => {
    expect(new GatewayAuthError("jwks_unavailable", "m").retryable).toBe(true);
    expect(new GatewayAuthError("key_unknown", "m").retryable).toBe(false);
    expect(isGatewayAuthError(new GatewayAuthError("key_unknown", "m"), "key_unknown")).toBe(true);
    expect(isGatewayAuthError(new Error("x"))).toBe(false);
  });
});
