// `app.hops.<key>`: one schema per hop type, chosen by `type`; unknown keys are refused per type.
import { z } from "zod";
import { type HopEnforcementEntry, hopEnforcementSchema } from "./hop-enforcement-schema.js";
import { hostName, httpUrl, text } from "./schema-primitives.js";

/** `automation` switches of a hop (0.2.3 booleans; node hops stamp the matching headers). */
export interface HopAutomationEntry {
  readonly ap2?: boolean;
  readonly identityContext?: boolean;
  readonly idempotency?: boolean;
  readonly auth?: boolean;
  readonly cause?: boolean;
}

const automationSchema = z.strictObject({
  ap2: z.boolean().optional(),
  identityContext: z.boolean().optional(),
  idempotency: z.boolean().optional(),
  auth: z.boolean().optional(),
  cause: z.boolean().optional(),
});

/** Keys every hop type accepts. */
const common = {
  nodeId: text(),
  remoteUrl: httpUrl().optional(),
  automation: automationSchema.optional(),
  enforcement: hopEnforcementSchema.optional(),
  propagateTo: z.array(hostName()).optional(),
};

const agentHop = z.strictObject({
  type: z.literal("agent"),
  ...common,
  agentName: text(),
  agentVersion: text(),
});

const orchestratorHop = z.strictObject({
  type: z.literal("orchestrator"),
  ...common,
  orchestratorName: text().optional(),
  orchestratorVersion: text().optional(),
  /** Used by gateway hops that give no gatewayBaseUrl of their own (0.2.3). */
  gatewayBaseUrl: httpUrl().optional(),
});

const gatewayHop = z.strictObject({
  type: z.literal("gateway"),
  ...common,
  gateway: text(),
  gatewayBaseUrl: httpUrl().optional(),
  tenant: text().optional(),
  authHeader: text().optional(),
});

const serverHop = z.strictObject({ type: z.literal("server"), ...common, server: text() });

const middlewareHop = z.strictObject({
  type: z.literal("middleware"),
  ...common,
  middleware: text(),
  op: text(),
});

const toolHop = z.strictObject({
  type: z.literal("tool"),
  ...common,
  server: text(),
  tool: text(),
  toolRef: text().optional(),
});

const skillHop = z.strictObject({
  type: z.literal("skill"),
  ...common,
  skill: text(),
  source: text().optional(),
  skillRef: text().optional(),
});

/** One `app.hops` entry, discriminated by `type`. */
export const hopEntrySchema = z.discriminatedUnion("type", [
  agentHop,
  orchestratorHop,
  gatewayHop,
  serverHop,
  middlewareHop,
  toolHop,
  skillHop,
]);

/** A validated `app.hops` entry (the union of the per-type shapes). */
export type HopEntry = z.output<typeof hopEntrySchema> & {
  readonly enforcement?: HopEnforcementEntry;
  readonly automation?: HopAutomationEntry;
};
