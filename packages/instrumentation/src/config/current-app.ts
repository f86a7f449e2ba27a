// The process's current app profile (one per process, as 0.2.3 kept it).
import { Sec0Error } from "@sec0/core";
import type { Sec0AppProfile } from "./sec0-app-profile.js";

let current: Sec0AppProfile | undefined;

/** Makes `profile` the process's current app (called by `initializeSec0App`). */
export function setCurrentSec0App(profile: Sec0AppProfile): void {
  current = profile;
}

/**
 * The app profile `initializeSec0App` stored.
 * @throws {Sec0Error} `INSTRUMENTATION_NOT_INITIALIZED` before `initializeSec0App` ran.
 * @example
 * initializeSec0App("./sec0.config.yaml");
 * getSec0AppConfig().tenant; // "demo"
 */
export function getSec0AppConfig(): Sec0AppProfile {
  if (current === undefined) {
    throw new Sec0Error(
      "INSTRUMENTATION_NOT_INITIALIZED",
      'sec0 instrumentation is not initialised: call initializeSec0App("./sec0.config.yaml") once where the process starts, before any decorated hop runs.',
    );
  }
  return current;
}

/** Forgets the current app, so each test starts uninitialised. For tests only. */
export function resetSec0AppForTests(): void {
  current = undefined;
}
