import { useCallback, useEffect, useState } from "preact/hooks";
import { ApiError } from "./api/api-error.js";
import { EscalationsPage } from "./escalations/escalations-page.js";
import { EvidencePage } from "./evidence/evidence-page.js";
import { LoginPage } from "./login/login-page.js";
import { PoliciesPage } from "./policies/policies-page.js";
import { useRoute } from "./router/route.js";
import { forgetKey, readStoredKey, storeKey } from "./session/key-store.js";
import type { Session } from "./session/session.js";
import { signIn } from "./session/sign-in.js";
import { TopBar } from "./shell/top-bar.js";

type State =
  | { readonly kind: "starting" }
  | { readonly kind: "signed-out"; readonly notice?: unknown }
  | { readonly kind: "signed-in"; readonly session: Session };

/** The console: sign-in, then the page the URL fragment names. */
export function App() {
  const [state, setState] = useState<State>({ kind: "starting" });
  const route = useRoute();

  const signOut = useCallback((notice?: unknown) => {
    forgetKey();
    setState({ kind: "signed-out", notice });
  }, []);

  const start = useCallback(
    async (apiKey: string) => {
      const session = await signIn(apiKey, {
        onUnauthenticated: (error) =>
          signOut(new ApiError(error.code, `You were signed out: ${error.message}`, error.status)),
      });
      storeKey(apiKey);
      setState({ kind: "signed-in", session });
    },
    [signOut],
  );

  useEffect(() => {
    const stored = readStoredKey();
    if (stored === undefined) {
      setState({ kind: "signed-out" });
      return;
    }
    start(stored).catch((error: unknown) => signOut(error));
  }, [start, signOut]);

  useEffect(() => {
    const page = route.page[0]?.toUpperCase() + route.page.slice(1);
    document.title = state.kind === "signed-in" ? `${page} · sec0 console` : "sec0 console";
  }, [route, state.kind]);

  if (state.kind === "starting")
    return (
      <p class="muted" aria-busy="true">
        Loading…
      </p>
    );
  if (state.kind === "signed-out") return <LoginPage onSubmit={start} notice={state.notice} />;
  const { session } = state;
  return (
    <>
      <button type="button" class="skip-link" onClick={skipToMain}>
        Skip to content
      </button>
      <TopBar session={session} route={route} onSignOut={() => signOut()} />
      <main id="main" tabIndex={-1}>
        {route.page === "escalations" && <EscalationsPage session={session} id={route.id} />}
        {route.page === "policies" && <PoliciesPage session={session} />}
        {route.page === "evidence" && <EvidencePage session={session} />}
      </main>
    </>
  );
}

/** The skip link is a button: it moves focus without touching the fragment (the fragment is the route). */
function skipToMain(): void {
  document.getElementById("main")?.focus();
}
