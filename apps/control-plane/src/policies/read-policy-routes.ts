import { PolicyParamsSchema, PolicyQuerySchema } from "@sec0/core/contracts";
import { unifiedLineDiff } from "@sec0/core/text-diff";
import { toBase64 } from "@sec0/signer";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { RouteModule } from "../context.js";
import { httpError } from "../errors.js";
import { defineRoute } from "../http/define-route.js";
import { authorizePolicyRequest } from "./authorize-policy-request.js";
import { etagMatches } from "./policy-etag.js";
import { POLICY_REPLY_CONTENT_TYPE, policyHeaders, policyVersionJson } from "./policy-reply.js";
import { currentPolicyVersion, listPolicyVersions, policyVersion } from "./policy-repository.js";
import {
  PolicyDiffQuerySchema,
  PolicyDiffSchema,
  PolicyHistorySchema,
  PolicySigningKeySchema,
  PolicyVersionParamsSchema,
} from "./policy-route-schemas.js";
import { BASE_SCOPE, type PolicyStream, type PolicyVersion, scopeOf } from "./policy-version.js";

const TAGS = ["policies"];

/**
 * The policy read routes: the current policy (what enforcement points fetch), its history, one
 * version, a diff between two versions, and the key the versions are signed with.
 */
export const registerPolicyReadRoutes: RouteModule = (app, registry, context) => {
  defineRoute(
    app,
    registry,
    {
      method: "GET",
      url: "/api/policy-signing-key",
      summary:
        "The public key policy versions are signed with: x-sec0-policy-signature is ed25519 over the canonical JSON (RFC 8785) of {tenant, level, scope, version, sha256}",
      tags: TAGS,
      responses: { 200: PolicySigningKeySchema },
    },
    async () => {
      const publicKey = context.signer.publicKey;
      if (publicKey === undefined)
        throw httpError("CP_NOT_CONFIGURED", "This control plane's signer does not disclose its public key.");
      return {
        key_id: context.signer.keyId,
        algorithm: "ed25519",
        public_key: toBase64(publicKey),
        signed_payload: "canonical JSON (RFC 8785) of {tenant, level, scope, version, sha256}",
      };
    },
  );

  defineRoute(
    app,
    registry,
    {
      method: "GET",
      url: "/api/policy/:tenant",
      summary:
        "The current policy YAML of a level (the nodeId's own policy when it has one, else the base policy); empty body when there is none; ETag / If-None-Match",
      tags: TAGS,
      params: PolicyParamsSchema,
      query: PolicyQuerySchema,
      responses: { 200: "text/yaml policy (empty: no policy)", 304: "Not modified" },
    },
    async ({ params, query, request, reply }) => {
      await authorizePolicyRequest(context, request, params.tenant, "policy:read");
      const stream = { tenant: params.tenant, level: query.level, scope: BASE_SCOPE };
      const own =
        query.nodeId === undefined
          ? undefined
          : await currentPolicyVersion(context.db, { ...stream, scope: query.nodeId });
      const current = own ?? (await currentPolicyVersion(context.db, stream));
      if (current === undefined)
        return reply
          .code(200)
          .type(POLICY_REPLY_CONTENT_TYPE)
          .header("cache-control", "private, no-cache")
          .send("");
      return sendPolicyYaml(request, reply, current);
    },
  );

  defineRoute(
    app,
    registry,
    {
      method: "GET",
      url: "/api/policy/:tenant/versions",
      summary: "The history of a policy stream (tenant × level × base or nodeId), oldest first",
      tags: TAGS,
      params: PolicyParamsSchema,
      query: PolicyQuerySchema,
      responses: { 200: PolicyHistorySchema },
    },
    async ({ params, query, request }) => {
      await authorizePolicyRequest(context, request, params.tenant, "policy:read");
      const stream = streamOf(params.tenant, query);
      const versions = await listPolicyVersions(context.db, stream);
      return {
        tenant: stream.tenant,
        level: stream.level,
        scope: stream.scope,
        versions: versions.map(policyVersionJson),
      };
    },
  );

  defineRoute(
    app,
    registry,
    {
      method: "GET",
      url: "/api/policy/:tenant/versions/:version",
      summary: "The YAML of one policy version, with its signature headers",
      tags: TAGS,
      params: PolicyVersionParamsSchema,
      query: PolicyQuerySchema,
      responses: { 200: "text/yaml policy", 304: "Not modified" },
    },
    async ({ params, query, request, reply }) => {
      await authorizePolicyRequest(context, request, params.tenant, "policy:read");
      const found = await requireVersion(context.db, streamOf(params.tenant, query), params.version);
      return sendPolicyYaml(request, reply, found);
    },
  );

  defineRoute(
    app,
    registry,
    {
      method: "GET",
      url: "/api/policy/:tenant/diff",
      summary:
        "A unified line diff between two versions of a policy stream (to defaults to the current version)",
      tags: TAGS,
      params: PolicyParamsSchema,
      query: PolicyDiffQuerySchema,
      responses: { 200: PolicyDiffSchema },
    },
    async ({ params, query, request }) => {
      await authorizePolicyRequest(context, request, params.tenant, "policy:read");
      const stream = streamOf(params.tenant, query);
      const from = await requireVersion(context.db, stream, query.from);
      const to =
        query.to === undefined
          ? ((await currentPolicyVersion(context.db, stream)) as PolicyVersion)
          : await requireVersion(context.db, stream, query.to);
      return {
        from: from.version,
        to: to.version,
        diff: unifiedLineDiff(from.yaml, to.yaml, `version ${from.version}`, `version ${to.version}`),
      };
    },
  );
};

/** The stream a query names: the nodeId's scope, else the base. */
export function streamOf(
  tenant: string,
  query: { level: PolicyStream["level"]; nodeId?: string | undefined },
): PolicyStream {
  return { tenant, level: query.level, scope: scopeOf(query.nodeId) };
}

/**
 * One version of a stream.
 *
 * @throws {ControlPlaneHttpError} `CP_NOT_FOUND` when it does not exist.
 */
export async function requireVersion(
  db: Parameters<typeof policyVersion>[0],
  stream: PolicyStream,
  version: number,
): Promise<PolicyVersion> {
  const found = await policyVersion(db, stream, version);
  if (found === undefined) {
    throw httpError(
      "CP_NOT_FOUND",
      `No version ${version} of the ${stream.level} policy (${stream.scope}) of tenant ${stream.tenant}.`,
      {
        ...stream,
        version,
      },
    );
  }
  return found;
}

function sendPolicyYaml(request: FastifyRequest, reply: FastifyReply, version: PolicyVersion): FastifyReply {
  const headers = policyHeaders(version);
  reply.headers(headers);
  if (etagMatches(request.headers["if-none-match"], headers.etag as string)) return reply.code(304).send();
  return reply.code(200).type(POLICY_REPLY_CONTENT_TYPE).send(version.yaml);
}
