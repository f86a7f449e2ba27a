import {
  createControlPlaneApprovalVerifier,
  createControlPlaneEscalationReporter,
  createRuntimeClient,
  resolveRuntimeConfig,
} from "@sec0/guard";
import type { MiddlewareOptions } from "./options.js";
import { resolveControlPlaneUrl } from "./resolve-policy-source.js";
import { sec0SecurityMiddleware } from "./security-middleware.js";

/**
 * Local preset: the policy from the options (object, YAML or file source), local decisions, the
 * local signed audit log, no approvals and no escalation channel (a call that needs a human is
 * denied with `escalationUnavailable`).
 */
export function createLocalSec0Preset(options: MiddlewareOptions): MiddlewareOptions {
  const {
    escalationReporter: _reporter,
    approvalVerifier: _verifier,
    runtime: _runtime,
    ...adapters
  } = options.adapters ?? {};
  return { ...options, adapters };
}

/**
 * Hosted preset: policy from the control plane when `policy` is a control-plane descriptor,
 * escalations and approval checks through the control plane when `auth.apiKey` is set, and
 * runtime decisions local or remote per `runtime.enforcement` (and `SEC0_RUNTIME_*`).
 */
export function createHostedSec0Preset(options: MiddlewareOptions): MiddlewareOptions {
  const apiKey = options.auth?.apiKey ?? options.auth?.bearerToken;
  const baseUrl = resolveControlPlaneUrl(options);
  const runtime = createRuntimeClient(
    resolveRuntimeConfig(options.runtime?.enforcement, options.env ?? process.env),
  );
  return {
    ...options,
    adapters: {
      ...(apiKey === undefined
        ? {}
        : {
            escalationReporter: createControlPlaneEscalationReporter({ baseUrl, apiKey }),
            approvalVerifier: createControlPlaneApprovalVerifier({ baseUrl, apiKey }),
          }),
      runtime,
      ...options.adapters,
    },
  };
}

/** `sec0SecurityMiddleware` with the local preset. */
export function sec0LocalMiddleware(options: MiddlewareOptions): <S extends object>(server: S) => S {
  return sec0SecurityMiddleware(createLocalSec0Preset(options));
}

/** `sec0SecurityMiddleware` with the hosted preset. */
export function sec0HostedMiddleware(options: MiddlewareOptions): <S extends object>(server: S) => S {
  return sec0SecurityMiddleware(createHostedSec0Preset(options));
}
