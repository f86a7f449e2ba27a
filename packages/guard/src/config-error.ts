import { Sec0Error } from "@sec0/core";

/** `GUARD_CONFIG_INVALID` naming the option (`details.field`): one shape for every guard option. */
export function guardConfigError(field: string, message: string): Sec0Error {
  return new Sec0Error("GUARD_CONFIG_INVALID", message, { details: { field } });
}
