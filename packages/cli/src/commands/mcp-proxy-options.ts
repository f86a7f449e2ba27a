import { InvalidArgumentError } from "commander";

/** `--http <port>`: 0 to 65535. */
export function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65_535) {
    throw new InvalidArgumentError("a port is a whole number from 0 to 65535.");
  }
  return port;
}

/** A limit (`--max-sessions`, `--idle-timeout`, …): a whole number ≥ 1. */
export function parseLimit(value: string): number {
  const limit = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(limit) || limit < 1) {
    throw new InvalidArgumentError("a whole number ≥ 1.");
  }
  return limit;
}

/** `--env-allow` / `--env-deny`, repeatable: a variable name, or a prefix ending in `*`. */
export function collectEnvName(value: string, previous: readonly string[] = []): string[] {
  if (!/^[A-Za-z_][A-Za-z0-9_]*\*?$/.test(value)) {
    throw new InvalidArgumentError("a variable name (letters, digits, _), or a prefix ending in * (AWS_*).");
  }
  return [...previous, value];
}
