import { describe, expect, it } from "vitest";
import { authenticateLocal, localSessionValue } from "./authenticate-local.js";

const TOKEN = "token-0123456789";
const cookie = `other=1; sec0_local=${localSessionValue(TOKEN)}`;

describe("authenticateLocal", () => {
  it("takes the Bearer token for any method, and refuses a wrong one even with a good cookie", () => {
    expect(
      authenticateLocal({ method: "POST", headers: { authorization: `Bearer ${TOKEN}` } }, TOKEN),
    ).toEqual({
      kind: "ok",
      via: "bearer",
    });
    expect(
      authenticateLocal({ method: "GET", headers: { authorization: "Bearer wrong", cookie } }, TOKEN),
    ).toEqual({ kind: "unauthorized" });
  });

  it("takes the cookie for GET, and for POST only with x-sec0-local: 1", () => {
    expect(authenticateLocal({ method: "GET", headers: { cookie } }, TOKEN)).toEqual({
      kind: "ok",
      via: "cookie",
    });
    expect(authenticateLocal({ method: "POST", headers: { cookie } }, TOKEN)).toEqual({ kind: "csrf" });
    expect(authenticateLocal({ method: "POST", headers: { cookie, "x-sec0-local": "1" } }, TOKEN)).toEqual({
      kind: "ok",
      via: "cookie",
    });
    expect(authenticateLocal({ method: "GET", headers: { cookie: `sec0_local=${TOKEN}` } }, TOKEN)).toEqual({
      kind: "unauthorized",
    });
    expect(authenticateLocal({ method: "GET", headers: {} }, TOKEN)).toEqual({ kind: "unauthorized" });
  });
});
