import { useEffect, useState } from "preact/hooks";

/** The console's pages, addressed by the URL fragment (`#/escalations/esc_1`). */
export type Route =
  | { readonly page: "escalations"; readonly id?: string }
  | { readonly page: "policies" }
  | { readonly page: "evidence" };

/** The route a fragment names; anything unknown is the escalations queue. */
export function routeOf(hash: string): Route {
  const parts = hash
    .replace(/^#\/?/, "")
    .split("/")
    .filter((part) => part !== "")
    .map(decodeURIComponent);
  if (parts[0] === "policies") return { page: "policies" };
  if (parts[0] === "evidence") return { page: "evidence" };
  if (parts[0] === "escalations" && parts[1] !== undefined) return { page: "escalations", id: parts[1] };
  return { page: "escalations" };
}

/** The fragment of a route: what links and {@link navigate} use. */
export function hrefOf(route: Route): string {
  if (route.page === "escalations" && route.id !== undefined)
    return `#/escalations/${encodeURIComponent(route.id)}`;
  return `#/${route.page}`;
}

/** Goes to a route (a new history entry, so Back works). */
export function navigate(route: Route): void {
  window.location.hash = hrefOf(route);
}

/** The current route, following the fragment as it changes. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => routeOf(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(routeOf(window.location.hash));
    window.addEventListener("hashchange", onChange);
    return () => window.removeEventListener("hashchange", onChange);
  }, []);
  return route;
}
