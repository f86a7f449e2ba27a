// Where the signed-in key lives between page loads: sessionStorage, so it is gone when the tab
// closes, never in localStorage (shared by every tab and kept on disk) and never in the URL.
const STORAGE_NAME = "sec0.console.key";

/** The key this tab signed in with, if any. */
export function readStoredKey(storage: Storage = window.sessionStorage): string | undefined {
  try {
    return storage.getItem(STORAGE_NAME) ?? undefined;
  } catch {
    return undefined;
  }
}

/** Keeps the key for this tab's later page loads. */
export function storeKey(key: string, storage: Storage = window.sessionStorage): void {
  try {
    storage.setItem(STORAGE_NAME, key);
  } catch {
    // Storage refused (private mode quota): the session lasts until the page is reloaded.
  }
}

/** Forgets the key (sign out, or the server said it is no longer valid). */
export function forgetKey(storage: Storage = window.sessionStorage): void {
  try {
    storage.removeItem(STORAGE_NAME);
  } catch {
    // Nothing stored.
  }
}
