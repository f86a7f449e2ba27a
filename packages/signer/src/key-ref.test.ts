import { describe, expect, it } from "vitest";
import { parseKeyRef } from "./key-ref.js";

describe("parseKeyRef", () => {
  it("splits file:// and env:// refs", () => {
    expect(parseKeyRef("file://./.sec0/keys/ed25519.key")).toEqual({
      scheme: "file",
      path: "./.sec0/keys/ed25519.key",
    });
    expect(parseKeyRef("file:///etc/sec0/ed25519.key")).toEqual({
      scheme: "file",
      path: "/etc/sec0/ed25519.key",
    });
    expect(parseKeyRef(" env://SEC0_KEY ")).toEqual({ scheme: "env", name: "SEC0_KEY" });
  });

  it("names the unsupported scheme", () => {
    expect(() => parseKeyRef("vault://secret/key")).toThrow(/scheme "vault:"/);
    expect(() => parseKeyRef("vault://secret/key")).toThrow(
      expect.objectContaining({ code: "SIGNER_KEY_REF_UNSUPPORTED" }),
    );
  });

  it("refuses empty paths and bad variable names", () => {
    for (const ref of ["file://", "env://", "env://A-B", "env://$HOME"]) {
      expect(() => parseKeyRef(ref)).toThrow(expect.objectContaining({ code: "SIGNER_KEY_REF_INVALID" }));
    }
  });
});
