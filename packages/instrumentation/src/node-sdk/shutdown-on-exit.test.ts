import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import { type ExitEmitter, shutdownOnExit } from "./shutdown-on-exit.js";

/** A process stand-in: real listeners, and `kill` recorded instead of sent. */
function fakeProcess(): { emitter: ExitEmitter & EventEmitter; kills: Array<[number, string]> } {
  const kills: Array<[number, string]> = [];
  const emitter = Object.assign(new EventEmitter(), {
    pid: 4242,
    kill: (pid: number, signal?: string | number) => {
      kills.push([pid, String(signal)]);
      return true;
    },
  });
  return { emitter: emitter as unknown as ExitEmitter & EventEmitter, kills };
}

const settled = () => new Promise((resolve) => setImmediate(resolve));

describe("shutdownOnExit", () => {
  it("shuts down once on beforeExit and removes both hooks", async () => {
    const { emitter, kills } = fakeProcess();
    let calls = 0;
    shutdownOnExit(async () => {
      calls += 1;
    }, emitter);
    emitter.emit("beforeExit", 0);
    emitter.emit("beforeExit", 0);
    await settled();
    expect(calls).toBe(1);
    expect([emitter.listenerCount("beforeExit"), emitter.listenerCount("SIGTERM")]).toEqual([0, 0]);
    expect(kills).toEqual([]);
  });

  it("re-raises SIGTERM after the shutdown when nobody else listens", async () => {
    const { emitter, kills } = fakeProcess();
    const order: string[] = [];
    shutdownOnExit(async () => {
      order.push("shutdown");
    }, emitter);
    emitter.emit("SIGTERM");
    await settled();
    expect(order).toEqual(["shutdown"]);
    expect(kills).toEqual([[4242, "SIGTERM"]]);
  });

  it("leaves exiting to the app's own SIGTERM listener, and survives a failed flush", async () => {
    const { emitter, kills } = fakeProcess();
    emitter.on("SIGTERM", () => {});
    shutdownOnExit(() => Promise.reject(new Error("collector down")), emitter);
    emitter.emit("SIGTERM");
    await settled();
    expect(kills).toEqual([]);
  });

  it("does nothing after the returned remover ran", async () => {
    const { emitter } = fakeProcess();
    let calls = 0;
    const remove = shutdownOnExit(async () => {
      calls += 1;
    }, emitter);
    remove();
    emitter.emit("beforeExit", 0);
    await settled();
    expect(calls).toBe(0);
  });
});
