import { createMemoryAuditSink } from "@sec0/testkit";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { resetSec0AppForTests, resolveHop } from "../config/index.js";
import { currentHopFrame } from "../context/index.js";
import type { AppProfile } from "../hop-types.js";
import { initTestApp } from "./__fixtures__/test-app.js";
import { digestOf } from "./hop-digest.js";
import { runHop } from "./run-hop.js";

const sink = createMemoryAuditSink();
let profile: AppProfile;

beforeEach(() => {
  profile = initTestApp();
  sink.clear();
});
afterEach(() => resetSec0AppForTests());

function streamHop(body: () => AsyncGenerator<unknown, unknown, unknown>) {
  const hop = resolveHop("OrderAgent.run", "agent");
  return runHop(hop, { self: undefined, args: [{}], invoke: body }, { auditSink: sink, profile });
}

describe("async generator hops", () => {
  it("runs each step inside the frame and records once, when the generator returns", async () => {
    const seen: Array<string | undefined> = [];
    const stream = streamHop(async function* () {
      for (const chunk of ["a", "b", "c"]) {
        await new Promise((resolve) => setTimeout(resolve, 1));
        seen.push(currentHopFrame()?.hop.key);
        yield chunk;
      }
      return "done";
    });
    const chunks: unknown[] = [];
    for await (const chunk of stream) {
      chunks.push(chunk);
      expect(sink.records).toHaveLength(0);
    }
    expect(chunks).toEqual(["a", "b", "c"]);
    expect(seen).toEqual(["OrderAgent.run", "OrderAgent.run", "OrderAgent.run"]);
    expect(sink.records).toHaveLength(1);
    expect(sink.records[0]).toMatchObject({ status: "ok", output_sha256: digestOf(["a", "b", "c"]) });
  });

  it("records an early return() as ok", async () => {
    const stream = streamHop(async function* () {
      yield 1;
      yield 2;
      yield 3;
    });
    for await (const value of stream) if (value === 1) break;
    expect(sink.records).toHaveLength(1);
    expect(sink.records[0]).toMatchObject({ status: "ok", output_sha256: digestOf([1]) });
  });

  it("records a throw as error and rethrows it", async () => {
    const boom = new Error("stream broke");
    const stream = streamHop(async function* () {
      yield 1;
      throw boom;
    });
    const consume = async () => {
      for await (const _ of stream) void _;
    };
    await expect(consume()).rejects.toBe(boom);
    expect(sink.records).toHaveLength(1);
    expect(sink.records[0]).toMatchObject({ status: "error", output_sha256: null });
  });
});
