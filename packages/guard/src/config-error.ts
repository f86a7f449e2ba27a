import { GuardConfigError } from "./app-guard/guard-errors.js";

/**
 * `GUARD_CONFIG_INVALID` naming the option (`details.field`): one shape for every guard option,
 * the engine's and `createSec0Guard`'s alike (a {@link GuardConfigError}).
 */
export function guardConfigError(field: string, message: string): GuardConfigError {
  return new GuardConfigError(field, message);
}
