import { Sec0Error } from "@sec0/core";

/** Why a broker could not produce a credential; `details.reason` of the error. */
export type BrokerFailureReason =
  | "secret_missing"
  | "secret_unreadable"
  | "secret_outside_safe_dirs"
  | "secret_invalid"
  | "subject_token_missing"
  | "token_endpoint_unreachable"
  | "token_endpoint_timeout"
  | "token_endpoint_status"
  | "token_response_invalid"
  | "closed";

/**
 * A `GATEWAY_BROKER_UNAVAILABLE` error. Its message and details are built only from names the
 * policy already holds (server, ref, status), never from a secret, a token or a response body.
 */
export function brokerUnavailable(
  server: string,
  reason: BrokerFailureReason,
  message: string,
  extra: Readonly<Record<string, string | number>> = {},
): Sec0Error {
  return new Sec0Error(
    "GATEWAY_BROKER_UNAVAILABLE",
    `No upstream credential for server "${server}": ${message} The call was not forwarded.`,
    { details: { server, reason, ...extra } },
  );
}

/** A `GATEWAY_BROKER_CONFIG_INVALID` error naming the field of `brokers.<server>`. */
export function brokerConfigInvalid(server: string, field: string, message: string): Sec0Error {
  return new Sec0Error("GATEWAY_BROKER_CONFIG_INVALID", `brokers.${server}.${field}: ${message}`, {
    details: { server, field },
  });
}
