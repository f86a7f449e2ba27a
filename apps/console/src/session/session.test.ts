import { describe, expect, it } from "vitest";
import { forgetKey, readStoredKey, storeKey } from "./key-store.js";
import { signIn } from "./sign-in.js";

const ME = {
  tenant: "acme",
  name: "Acme",
  keyId: "k1",
  scopes: ["escalation:vote", "policy:read"],
  roles: [],
};

function memoryStorage(): Storage {
  const map = new Map<string, string>();
  return {
    get length() {
      return map.size;
    },
    clear: () => map.clear(),
    getItem: (name) => map.get(name) ?? null,
    key: (index) => [...map.keys()][index] ?? null,
    removeItem: (name) => void map.delete(name),
    setItem: (name, value) => void map.set(name, value),
  };
}

function reply(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

describe("signIn", () => {
  it("sends the key as a Bearer token and answers what the key may do", async () => {
    const seen: string[] = [];
    const session = await signIn("sec0_key", {
      onUnauthenticated: () => {},
      fetch: async (_url, init) => {
        seen.push(new Headers(init?.headers).get("authorization") ?? "");
        return reply(200, ME);
      },
    });
    expect(seen).toEqual(["Bearer sec0_key"]);
    expect(session.can("escalation:vote")).toBe(true);
    expect(session.can("policy:write")).toBe(false);
  });

  it("rejects a refused key with the server's code, without signing anyone out", async () => {
    let signedOut = 0;
    const failing = signIn("wrong", {
      onUnauthenticated: () => {
        signedOut += 1;
      },
      fetch: async () => reply(401, { code: "CP_API_KEY_INVALID", detail: "The API key is not valid." }),
    });
    await expect(failing).rejects.toMatchObject({ code: "CP_API_KEY_INVALID", status: 401 });
    expect(signedOut).toBe(0);
  });

  it("signs out when a later call says the key was revoked", async () => {
    let calls = 0;
    const reasons: string[] = [];
    const session = await signIn("sec0_key", {
      onUnauthenticated: (error) => reasons.push(error.code),
      fetch: async () => {
        calls += 1;
        return calls === 1 ? reply(200, ME) : reply(401, { code: "CP_API_KEY_REVOKED", detail: "revoked" });
      },
    });
    await expect(session.api.json({ path: "/api/escalations" })).rejects.toMatchObject({
      code: "CP_API_KEY_REVOKED",
    });
    expect(reasons).toEqual(["CP_API_KEY_REVOKED"]);
  });

  it("lets an admin key do everything", async () => {
    const session = await signIn("k", {
      onUnauthenticated: () => {},
      fetch: async () => reply(200, { ...ME, scopes: ["admin"] }),
    });
    expect(session.can("policy:write")).toBe(true);
  });
});

describe("key store", () => {
  it("keeps, reads and forgets the key in the storage it is given", () => {
    const storage = memoryStorage();
    expect(readStoredKey(storage)).toBeUndefined();
    storeKey("sec0_key", storage);
    expect(readStoredKey(storage)).toBe("sec0_key");
    forgetKey(storage);
    expect(readStoredKey(storage)).toBeUndefined();
  });
});
