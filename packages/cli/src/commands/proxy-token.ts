import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { Sec0Error } from "@sec0/core";
import type { CliIo } from "../cli-context.js";

/** The variable `sec0 mcp proxy --http` reads its bearer token from when `--token` is not given. */
export const PROXY_TOKEN_ENV = "SEC0_PROXY_TOKEN";

/** The HTTP proxy's bearer token, and the variable it came from (withheld from the child). */
export interface ProxyToken {
  readonly token: string | undefined;
  readonly variable: string | undefined;
}

/**
 * Resolves `--token env://NAME | file://path`, else `SEC0_PROXY_TOKEN`, else no token. A literal
 * token is refused: a command line is visible to every local user (`ps`).
 *
 * @throws {Sec0Error} `MCP_PROXY_TOKEN_REF_INVALID` for a literal, an unset variable or an
 *   unreadable or empty file.
 * @example
 * const { token } = resolveProxyToken("env://MCP_TOKEN", io);
 */
export function resolveProxyToken(ref: string | undefined, io: CliIo): ProxyToken {
  if (ref === undefined) {
    const value = io.env[PROXY_TOKEN_ENV];
    return value === undefined || value === ""
      ? { token: undefined, variable: undefined }
      : { token: value.trim(), variable: PROXY_TOKEN_ENV };
  }
  if (ref.startsWith("env://")) {
    const name = ref.slice("env://".length);
    const value = io.env[name];
    if (value === undefined || value.trim() === "") {
      throw invalid(`the variable ${name} (from --token env://${name}) is not set or empty`, ref);
    }
    return { token: value.trim(), variable: name };
  }
  if (ref.startsWith("file://")) {
    const path = resolve(io.cwd, ref.slice("file://".length));
    let value: string;
    try {
      value = readFileSync(path, "utf8").trim();
    } catch (error) {
      throw invalid(`cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? "error"})`, ref);
    }
    if (value === "") throw invalid(`${path} is empty`, ref);
    return { token: value, variable: undefined };
  }
  throw invalid(
    "a token on the command line is visible to every local user through ps; put it in a variable or a file",
    "(literal)",
  );
}

function invalid(why: string, ref: string): Sec0Error {
  return new Sec0Error(
    "MCP_PROXY_TOKEN_REF_INVALID",
    `sec0 mcp proxy --token: ${why}. Write --token env://NAME or --token file://path (or set ${PROXY_TOKEN_ENV}).`,
    { details: { ref } },
  );
}
