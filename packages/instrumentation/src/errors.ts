import { defineErrorCodes } from "@sec0/core";

/**
 * The error codes `@sec0/instrumentation` throws, each with what it means; docs/errors.md says
 * what to do. Each helper of the package appends its own codes here.
 */
export const INSTRUMENTATION_ERRORS = defineErrorCodes({
  INSTRUMENTATION_CONFIG_INVALID:
    "sec0.config.yaml (or the object given to initializeSec0App) breaks the schema: a required key is missing, a key is unknown, a value has the wrong type, or a hop lacks a field its type needs; details.field names the key path.",
  INSTRUMENTATION_CONFIG_UNREADABLE:
    "initializeSec0App could not read the config file (missing or unreadable); details.path is the absolute path.",
  INSTRUMENTATION_NOT_INITIALIZED:
    "getSec0AppConfig (or a hop) ran before initializeSec0App loaded the app's sec0.config.yaml.",
  INSTRUMENTATION_HOP_UNKNOWN:
    "A hop key is not in app.hops and no inline nodeId was given; details.hop is the key.",
  INSTRUMENTATION_HOP_TYPE_MISMATCH:
    "A hop key is registered in app.hops with another type than the decorator or wrapper asks for; details.expected and details.configured.",
  INSTRUMENTATION_CONTEXT_INVALID:
    "A hop's ctx carries a malformed traceId (32 hex), spanId (16 hex), cause or runId; details.field names it.",
  INSTRUMENTATION_INVOKE_INVALID:
    "AgentManager.invoke got bad parameters (a gateway hop without server or tool, arguments that are not JSON); details.field names it.",
  INSTRUMENTATION_HOP_UNREACHABLE:
    "AgentManager.invoke has no way to reach the hop (no local handler, no remoteUrl, no gatewayBaseUrl) or the connection to its remoteUrl failed; details.hop (a gateway hop fails with MIDDLEWARE_GATEWAY_UNREACHABLE / _TIMEOUT).",
  INSTRUMENTATION_HOP_CALL_FAILED:
    "The remoteUrl behind AgentManager.invoke answered with a non-2xx status; details.status and details.body (a gateway hop fails with MIDDLEWARE_GATEWAY_ERROR).",
  INSTRUMENTATION_DECORATOR_MISUSED:
    "A sec0.* hop decorator was put on something other than a class method (a field, an accessor, a class); details.type is the hop type.",
  INSTRUMENTATION_TRACING_OPTIONS_INVALID:
    "initTracing got a missing or empty field (endpoint, serviceName, serviceVersion, environment, tenant, sample.success), a sample ratio outside 0..1, or an unknown protocol; or startSec0NodeSdk got a blank name, an endpoint that is not an http(s) URL, or more than one of spanProcessors, traceExporter, endpoint; details.field names it.",
  INSTRUMENTATION_TRACING_ALREADY_INITIALIZED:
    "initTracing ran while tracing was already initialized in the process, or initTracing or startSec0NodeSdk ran while another OpenTelemetry tracer provider was registered globally, or startSec0NodeSdk ran again with other options (details.differing); nothing was replaced.",
  INSTRUMENTATION_OTEL_SDK_MISSING:
    "startSec0NodeSdk (or the node-sdk/register import) could not load the optional peer dependency @opentelemetry/sdk-node; install it with npm install @opentelemetry/sdk-node@0.223.",
  INSTRUMENTATION_SPAN_ATTRIBUTES_INVALID:
    "setSpanAttributes got an empty map, a blank key or a null/undefined value; details.field names the key.",
  INSTRUMENTATION_HOP_POLICY_NOT_READY:
    "A sync hop method was called before its control-plane policy was ever obtained; a sync call cannot wait for the fetch, so it was denied (fail closed) and the fetch started. Make the method async, await warmHopPolicy() before the first call, or set fallback_to_base: true.",
  INSTRUMENTATION_CONTROL_PLANE_REPLY_REFUSED:
    "A control-plane reply to a hop (policy, escalation) was refused before parsing: a 2xx body that is not JSON or YAML (details.why names the content type) or larger than 1 MiB; the hop fails closed.",
  POLICY_DENIED:
    'A decorated hop (or sec0.wrap.* function) was denied before it ran, in enforce mode (0.2.3\'s code); details.violation / denial_reason name the deciding reason, details.denial_level is "decorator", details.reasons lists all; with a control plane also details.policy_hash, details.escalation_id / escalation_status (rejected, expired, timeout, unverified, failed) and details.policy_error_codes (no policy could be fetched: denial_reason policy_fetch_failed).',
});

/** A code of {@link INSTRUMENTATION_ERRORS}. */
export type InstrumentationErrorCode = keyof typeof INSTRUMENTATION_ERRORS;
