/**
 * The gateway client's error codes. They keep the names they had in @sec0/middleware (0.2.3),
 * which re-exports the client and lists these in its own table too.
 */
export const GATEWAY_CLIENT_ERRORS = {
  MIDDLEWARE_GATEWAY_REQUEST_INVALID:
    "callToolViaGateway got a bad parameter: gatewayBaseUrl not an http(s) URL, empty server / toolAtVersion, missing or malformed cause (32 / 16 hex ids), or a bad timeoutMs.",
  MIDDLEWARE_GATEWAY_ERROR:
    "The gateway answered with a non-2xx status; details.code is its code and details.body the reply.",
  MIDDLEWARE_GATEWAY_TRACE_MISSING:
    "A successful reply lacks x-trace-id or x-span-id, so it did not come from a sec0 gateway.",
  MIDDLEWARE_GATEWAY_TIMEOUT: "The gateway did not answer within timeoutMs (default 60000).",
  MIDDLEWARE_GATEWAY_UNREACHABLE: "The gateway could not be reached (connection refused, DNS, TLS).",
} as const;
