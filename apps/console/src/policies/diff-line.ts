/** One row of a rendered unified diff. */
export type DiffLine =
  | { readonly kind: "context" | "remove" | "add"; readonly text: string }
  | { readonly kind: "hunk"; readonly text: string };

/** True when a diff has at least one added or removed line. */
export function hasChanges(lines: readonly DiffLine[]): boolean {
  return lines.some((line) => line.kind === "add" || line.kind === "remove");
}
