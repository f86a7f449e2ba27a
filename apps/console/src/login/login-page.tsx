import { useState } from "preact/hooks";
import { Alert } from "../shell/alert.js";

/** Props of {@link LoginPage}. */
export interface LoginPageProps {
  /** Tries the key; rejects with the reason when the server refuses it. */
  readonly onSubmit: (apiKey: string) => Promise<void>;
  /** Why the last session ended (a revoked key), shown above the form. */
  readonly notice?: unknown;
}

/** Sign-in with a control-plane API key (the key is sent as a Bearer token, never put in the URL). */
export function LoginPage({ onSubmit, notice }: LoginPageProps) {
  const [key, setKey] = useState("");
  const [error, setError] = useState<unknown>(notice);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    const trimmed = key.trim();
    if (trimmed === "") {
      setError(new Error("Paste an API key first."));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await onSubmit(trimmed);
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  };

  return (
    <main id="main" class="login">
      <div class="card stack">
        <h1>sec0 console</h1>
        <p class="muted">
          Sign in with an API key of your tenant. What you can do follows the key's role: approvers vote on
          escalations, policy editors publish policy, auditors read the evidence.
        </p>
        <Alert error={error} />
        <form onSubmit={submit} method="post" action="#">
          <label>
            API key
            <input
              data-testid="login-key"
              type="password"
              name="api-key"
              autocomplete="off"
              spellcheck={false}
              required
              value={key}
              onInput={(event) => setKey(event.currentTarget.value)}
            />
          </label>
          <button data-testid="login-submit" type="submit" class="primary" disabled={busy}>
            {busy ? "Signing in…" : "Sign in"}
          </button>
        </form>
        <p class="muted">The key stays in this tab only and is forgotten when the tab closes.</p>
      </div>
    </main>
  );
}
