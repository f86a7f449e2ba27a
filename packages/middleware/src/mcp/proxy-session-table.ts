import type { ServerResponse } from "node:http";

/** One session's place in the table: reserved before its child starts, named once initialized. */
export interface SessionSlot<T> {
  /** What the proxy keeps for the session (its transport and child), once started. */
  value: T | undefined;
  /** The `mcp-session-id`, once the transport assigned it. */
  id: string | undefined;
}

/** Limits of {@link createSessionTable}. */
export interface SessionTableLimits<T> {
  readonly maxSessions: number;
  readonly idleTimeoutMs: number;
  readonly maxInFlightPerSession: number;
  /** A session had no request open for `idleTimeoutMs`. */
  onIdle(slot: SessionSlot<T>): void;
}

/** The proxy's sessions: how many there may be, and how busy and how idle each one is. */
export interface SessionTable<T> {
  /** Takes a place for a new session, or `undefined` when `maxSessions` are open or starting. */
  reserve(): SessionSlot<T> | undefined;
  /** Gives the slot its session id (the transport's `onsessioninitialized`). */
  name(slot: SessionSlot<T>, id: string): void;
  /** The session of an `mcp-session-id`. */
  get(id: string): SessionSlot<T> | undefined;
  /**
   * Counts a message-carrying request (a POST) of the session as in flight until `res` closes, or
   * refuses it with `false` past `maxInFlightPerSession`. A session with none in flight and none
   * started for `idleTimeoutMs` is idle; an open GET stream does not keep it alive.
   */
  begin(slot: SessionSlot<T>, res: ServerResponse): boolean;
  /** Restarts the idle clock if nothing is in flight (the session's child just started). */
  refresh(slot: SessionSlot<T>): void;
  /** The session ended: its place is free again. */
  release(slot: SessionSlot<T>): void;
  /** Every session's slot. */
  all(): SessionSlot<T>[];
}

interface SlotState {
  inFlight: number;
  timer?: ReturnType<typeof setTimeout>;
}

/**
 * Creates the session table of one HTTP proxy. A place is reserved synchronously before the
 * child process is spawned, so concurrent `initialize` requests can never start more than
 * `maxSessions` children.
 *
 * @example
 * const table = createSessionTable({ maxSessions: 8, idleTimeoutMs: 300_000, maxInFlightPerSession: 16, onIdle });
 * const slot = table.reserve() ?? reply503();
 */
export function createSessionTable<T>(limits: SessionTableLimits<T>): SessionTable<T> {
  const slots = new Map<SessionSlot<T>, SlotState>();
  const byId = new Map<string, SessionSlot<T>>();

  const arm = (slot: SessionSlot<T>, state: SlotState): void => {
    if (state.timer !== undefined) clearTimeout(state.timer);
    state.timer = undefined;
    if (state.inFlight > 0 || !slots.has(slot)) return;
    state.timer = setTimeout(() => limits.onIdle(slot), limits.idleTimeoutMs);
    state.timer.unref?.();
  };

  return {
    reserve() {
      if (slots.size >= limits.maxSessions) return undefined;
      const slot: SessionSlot<T> = { value: undefined, id: undefined };
      const state: SlotState = { inFlight: 0 };
      // Not armed yet: the idle clock starts when the initialize request that reserved it closes.
      slots.set(slot, state);
      return slot;
    },
    name(slot, id) {
      if (!slots.has(slot)) return;
      slot.id = id;
      byId.set(id, slot);
    },
    get: (id) => byId.get(id),
    begin(slot, res) {
      const state = slots.get(slot);
      if (state === undefined) return true;
      if (state.inFlight >= limits.maxInFlightPerSession) return false;
      state.inFlight += 1;
      arm(slot, state);
      res.once("close", () => {
        state.inFlight -= 1;
        arm(slot, state);
      });
      return true;
    },
    refresh(slot) {
      const state = slots.get(slot);
      if (state !== undefined) arm(slot, state);
    },
    release(slot) {
      const state = slots.get(slot);
      if (state?.timer !== undefined) clearTimeout(state.timer);
      slots.delete(slot);
      if (slot.id !== undefined && byId.get(slot.id) === slot) byId.delete(slot.id);
    },
    all: () => [...slots.keys()],
  };
}
