// Every code thrown under ap2/ and brokers/ is in its folder's table, and every table code is thrown.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { AP2_ERRORS } from "../ap2/ap2-errors.js";
import { BROKER_ERRORS } from "./broker-errors.js";

const src = join(dirname(fileURLToPath(import.meta.url)), "..");

function thrownIn(folder: string): string[] {
  const text = readdirSync(join(src, folder))
    .filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts") && !file.endsWith("-errors.ts"))
    .map((file) => readFileSync(join(src, folder, file), "utf8"))
    .join("\n");
  return [
    ...new Set([...text.matchAll(/"(GATEWAY_[A-Z0-9_]+)"/g)].map((match) => match[1] as string)),
  ].sort();
}

describe("gateway error tables", () => {
  it("ap2/ throws exactly the codes of AP2_ERRORS", () => {
    expect(thrownIn("ap2")).toEqual(Object.keys(AP2_ERRORS).sort());
  });

  it("brokers/ throws exactly the codes of BROKER_ERRORS", () => {
    expect(thrownIn("brokers")).toEqual(Object.keys(BROKER_ERRORS).sort());
  });
});
