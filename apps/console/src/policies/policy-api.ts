import type { ApiClient, QueryParams } from "../api/api-client.js";
import { ApiError } from "../api/api-error.js";
import type {
  CurrentPolicy,
  PolicyDiffReply,
  PolicyHistory,
  PolicyTarget,
  PolicyValidation,
  PolicyVersionInfo,
} from "./policy-types.js";

const YAML = "text/yaml";

function pathOf(target: PolicyTarget, rest = ""): string {
  return `/api/policy/${encodeURIComponent(target.tenant)}${rest}`;
}

function queryOf(target: PolicyTarget, extra: QueryParams = {}): QueryParams {
  return { level: target.level, nodeId: target.nodeId, ...extra };
}

/**
 * The current policy of a stream, with its version and ETag; an empty text when none is published.
 *
 * @throws {ApiError} any failure but `CP_NOT_FOUND` (read as "no policy yet").
 * @example
 * const { text, version } = await fetchCurrentPolicy(api, { tenant: "acme", level: "middleware" });
 */
export async function fetchCurrentPolicy(
  api: ApiClient,
  target: PolicyTarget,
  signal?: AbortSignal,
): Promise<CurrentPolicy> {
  try {
    const response = await api.raw({ path: pathOf(target), query: queryOf(target), signal });
    const text = await response.text();
    const version = Number(response.headers.get("x-sec0-policy-version") ?? Number.NaN);
    const etag = response.headers.get("etag");
    return {
      text,
      ...(Number.isInteger(version) && text !== "" ? { version } : {}),
      ...(etag === null || text === "" ? {} : { etag }),
    };
  } catch (error) {
    if (error instanceof ApiError && error.code === "CP_NOT_FOUND") return { text: "" };
    throw error;
  }
}

/**
 * The stored versions of a stream, oldest first.
 *
 * @throws {ApiError} on any failure.
 */
export async function fetchPolicyVersions(
  api: ApiClient,
  target: PolicyTarget,
  signal?: AbortSignal,
): Promise<readonly PolicyVersionInfo[]> {
  const history = await api.json<PolicyHistory>({
    path: pathOf(target, "/versions"),
    query: queryOf(target),
    signal,
  });
  return history.versions;
}

/**
 * The unified diff from version `from` to the current version.
 *
 * @throws {ApiError} `CP_NOT_FOUND` when the version does not exist.
 */
export function fetchPolicyDiff(
  api: ApiClient,
  target: PolicyTarget,
  from: number,
  signal?: AbortSignal,
): Promise<PolicyDiffReply> {
  return api.json<PolicyDiffReply>({
    path: pathOf(target, "/diff"),
    query: queryOf(target, { from }),
    signal,
  });
}

/**
 * Validates policy YAML as publishing would, storing nothing.
 *
 * @throws {ApiError} on a failed call (an invalid policy is a reply with `valid: false`).
 */
export function validatePolicy(
  api: ApiClient,
  target: PolicyTarget,
  text: string,
  signal?: AbortSignal,
): Promise<PolicyValidation> {
  return api.json<PolicyValidation>({
    method: "POST",
    path: pathOf(target, "/validate"),
    query: queryOf(target),
    body: text,
    contentType: YAML,
    signal,
  });
}

/**
 * Publishes `text` as the stream's new version; with `etag`, only if the current version is still
 * the one that ETag names (`If-Match`).
 *
 * @throws {ApiError} `CP_PRECONDITION_FAILED` when someone published in between; `CP_POLICY_INVALID`.
 */
export function publishPolicy(
  api: ApiClient,
  target: PolicyTarget,
  text: string,
  etag: string | undefined,
): Promise<PolicyVersionInfo> {
  return api.json<PolicyVersionInfo>({
    method: "PUT",
    path: pathOf(target),
    query: queryOf(target),
    body: text,
    contentType: YAML,
    ...(etag === undefined ? {} : { headers: { "if-match": etag } }),
  });
}

/**
 * Makes `version`'s text current again, as a new version.
 *
 * @throws {ApiError} `CP_NOT_FOUND` when the version does not exist; `CP_PRECONDITION_FAILED`.
 */
export function rollbackPolicy(
  api: ApiClient,
  target: PolicyTarget,
  version: number,
  etag: string | undefined,
): Promise<PolicyVersionInfo> {
  return api.json<PolicyVersionInfo>({
    method: "POST",
    path: pathOf(target, "/rollback"),
    query: queryOf(target),
    body: { version },
    ...(etag === undefined ? {} : { headers: { "if-match": etag } }),
  });
}
