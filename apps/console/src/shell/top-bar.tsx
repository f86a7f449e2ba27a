import { hrefOf, type Route } from "../router/route.js";
import type { Session } from "../session/session.js";

const PAGES = [
  { page: "escalations", label: "Escalations" },
  { page: "policies", label: "Policies" },
  { page: "evidence", label: "Evidence" },
] as const;

/** Props of {@link TopBar}. */
export interface TopBarProps {
  readonly session: Session;
  readonly route: Route;
  readonly onSignOut: () => void;
}

/** The header: the pages, who is signed in (tenant and roles) and sign-out. */
export function TopBar({ session, route, onSignOut }: TopBarProps) {
  const roles = session.me.roles.length > 0 ? session.me.roles.join(", ") : session.me.scopes.join(", ");
  return (
    <header class="topbar">
      <span class="brand">sec0</span>
      <nav aria-label="Console">
        <ul>
          {PAGES.map(({ page, label }) => (
            <li key={page}>
              <a
                data-testid={`nav-${page}`}
                href={hrefOf({ page })}
                aria-current={route.page === page ? "page" : undefined}
              >
                {label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div class="who">
        <span data-testid="who">
          {session.me.tenant} · {roles}
        </span>
        <button type="button" data-testid="sign-out" onClick={onSignOut}>
          Sign out
        </button>
      </div>
    </header>
  );
}
