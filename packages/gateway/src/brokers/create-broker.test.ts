import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { BrokerConfig } from "./broker-config.js";
import { createBroker } from "./create-broker.js";

const cwd = mkdtempSync(join(tmpdir(), "sec0-broker-"));
mkdirSync(join(cwd, ".sec0/secrets"), { recursive: true });
mkdirSync(join(cwd, "elsewhere"));
writeFileSync(join(cwd, ".sec0/secrets/vendor.key"), "file-key-Aa11\n", { mode: 0o600 });
writeFileSync(join(cwd, "elsewhere/vendor.key"), "outside-key-Bb22\n");
symlinkSync(join(cwd, "elsewhere/vendor.key"), join(cwd, ".sec0/secrets/link.key"));
symlinkSync(join(cwd, "elsewhere"), join(cwd, ".sec0/secrets/linkdir"));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

const env = { KEY_A: "key-a-Cc33", KEY_B: "key-b-Dd44", KEY_C: "key-c-Ee55" };

function broker(config: Record<string, BrokerConfig>, extraEnv: Record<string, string> = {}) {
  return createBroker(config, { cwd, env: { ...env, ...extraEnv } });
}

async function rejection(promise: Promise<unknown>): Promise<Record<string, unknown>> {
  return promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (error: Record<string, unknown>) => error,
  );
}

describe("createBroker: static secrets", () => {
  it("injects env:// and 0.2.3 env: secrets in the configured format and header", async () => {
    const vendor = broker({
      a: { type: "static", key_refs: ["env://KEY_A"] },
      b: { type: "static", key_refs: ["env:KEY_B"], header: "X-Api-Key", format: "raw" },
      c: { type: "static", key_refs: ["env://KEY_C"], format: "template", template: "Token token={token}" },
    });
    expect(await vendor.headersFor("a", "t")).toEqual({ authorization: "Bearer key-a-Cc33" });
    expect(await vendor.headersFor("b", "t")).toEqual({ "x-api-key": "key-b-Dd44" });
    expect(await vendor.headersFor("c", "t")).toEqual({ authorization: "Token token=key-c-Ee55" });
    expect(await vendor.headersFor("unbrokered", "t")).toEqual({});
    await vendor.close();
  });

  it("injects only for the tools the entry lists", async () => {
    const vendor = broker({
      a: { type: "static", key_refs: ["env://KEY_A"], tools: ["mcp://a/charge@*", "refund"] },
    });
    expect(await vendor.headersFor("a", "charge@1.0")).toEqual({ authorization: "Bearer key-a-Cc33" });
    expect(await vendor.headersFor("a", "refund")).toEqual({ authorization: "Bearer key-a-Cc33" });
    expect(await vendor.headersFor("a", "list")).toEqual({});
    await vendor.close();
  });

  it("rejects with GATEWAY_BROKER_UNAVAILABLE when the secret is unset (0.2.3 sent no credential)", async () => {
    const vendor = broker({ a: { type: "static", key_refs: ["env://MISSING_KEY"] } });
    expect(await rejection(vendor.headersFor("a", "t"))).toMatchObject({
      code: "GATEWAY_BROKER_UNAVAILABLE",
      details: { server: "a", reason: "secret_missing", ref: "env://MISSING_KEY" },
    });
    await vendor.close();
  });

  it("rejects a secret that would split the header", async () => {
    const vendor = broker({ a: { type: "static", key_refs: ["env://EVIL"] } }, { EVIL: "k\r\nx-admin: 1" });
    const error = await rejection(vendor.headersFor("a", "t"));
    expect(error).toMatchObject({ details: { reason: "secret_invalid" } });
    expect(JSON.stringify(error)).not.toContain("x-admin");
    await vendor.close();
  });

  it("refuses after close", async () => {
    const vendor = broker({ a: { type: "static", key_refs: ["env://KEY_A"] } });
    await vendor.close();
    expect(await rejection(vendor.headersFor("a", "t"))).toMatchObject({ details: { reason: "closed" } });
  });
});

describe("createBroker: vendor_key_pool", () => {
  it("rotates round-robin over its refs (0.2.3 used only the first)", async () => {
    const vendor = broker({
      pool: { type: "vendor_key_pool", key_refs: ["env://KEY_A", "env://KEY_B", "env://KEY_C"] },
    });
    const seen: string[] = [];
    for (let call = 0; call < 6; call += 1)
      seen.push((await vendor.headersFor("pool", "t")).authorization as string);
    expect(seen).toEqual(
      ["a", "b", "c", "a", "b", "c"].map(
        (key) => `Bearer ${env[`KEY_${key.toUpperCase()}` as keyof typeof env]}`,
      ),
    );
    await vendor.close();
  });
});

describe("createBroker: file refs", () => {
  it("reads a file inside the safe secret directories, trimmed", async () => {
    const vendor = broker({
      f: { type: "static", key_refs: ["file://.sec0/secrets/vendor.key"], format: "raw" },
    });
    expect(await vendor.headersFor("f", "t")).toEqual({ authorization: "file-key-Aa11" });
    await vendor.close();
  });

  it("refuses files outside them at creation, the same whether or not the file exists", () => {
    const errors = [
      "file://elsewhere/vendor.key",
      "file://elsewhere/nothing.key",
      "file://.sec0/secrets/../../elsewhere/vendor.key",
    ].map((ref) => {
      try {
        broker({ f: { type: "static", key_refs: [ref] } });
        return undefined;
      } catch (error) {
        return error as { code: string; message: string };
      }
    });
    for (const error of errors) expect(error?.code).toBe("GATEWAY_BROKER_CONFIG_INVALID");
    expect(errors[0]!.message.replace("vendor", "X")).toBe(errors[1]!.message.replace("nothing", "X"));
  });

  it("refuses links out of the safe directories at call time, existing file or not, without reading them", async () => {
    const vendor = broker({
      link: { type: "static", key_refs: ["file://.sec0/secrets/link.key"] },
      viaDir: { type: "static", key_refs: ["file://.sec0/secrets/linkdir/vendor.key"] },
      viaDirMissing: { type: "static", key_refs: ["file://.sec0/secrets/linkdir/missing.key"] },
    });
    for (const server of ["link", "viaDir", "viaDirMissing"]) {
      const error = await rejection(vendor.headersFor(server, "t"));
      expect(error).toMatchObject({
        code: "GATEWAY_BROKER_UNAVAILABLE",
        details: { reason: "secret_outside_safe_dirs" },
      });
      expect(JSON.stringify(error)).not.toContain("outside-key-Bb22");
    }
    await vendor.close();
  });

  it("honours SEC0_BROKER_SECRET_DIRS, which replaces the defaults", async () => {
    const vendor = broker(
      { f: { type: "static", key_refs: ["file://elsewhere/vendor.key"], format: "raw" } },
      { SEC0_BROKER_SECRET_DIRS: "elsewhere" },
    );
    expect(await vendor.headersFor("f", "t")).toEqual({ authorization: "outside-key-Bb22" });
    await vendor.close();
    expect(() =>
      broker(
        { f: { type: "static", key_refs: ["file://.sec0/secrets/vendor.key"] } },
        { SEC0_BROKER_SECRET_DIRS: "elsewhere" },
      ),
    ).toThrow(expect.objectContaining({ code: "GATEWAY_BROKER_CONFIG_INVALID" }));
  });
});

describe("createBroker: configuration errors", () => {
  it("names the field and never echoes a pasted secret", () => {
    const cases: Array<[BrokerConfig, string]> = [
      [{ type: "static", key_refs: ["sk-live-pasted-Ff66"] }, "key_refs[0]"],
      [{ type: "static" }, "key_refs"],
      [{ type: "static", key_refs: ["env://KEY_A"], header: "host" }, "header"],
      [{ type: "static", key_refs: ["env://KEY_A"], format: "template", template: "Token" }, "template"],
      [{ type: "magic" as "static", key_refs: ["env://KEY_A"] }, "type"],
      [{ type: "oidc_on_behalf", client_id: "x" }, "token_url"],
    ];
    for (const [config, field] of cases) {
      try {
        broker({ s: config });
        throw new Error(`accepted ${field}`);
      } catch (error) {
        expect(error).toMatchObject({ code: "GATEWAY_BROKER_CONFIG_INVALID", details: { field } });
        expect(JSON.stringify(error) + String(error)).not.toContain("sk-live-pasted-Ff66");
      }
    }
  });
});
