import type { GatewayRuntime } from "../pipeline/gateway-runtime.js";

/** What `/readyz` reports: ready only when every check passed. */
export interface ReadinessReport {
  readonly ready: boolean;
  readonly checks: Record<string, { readonly ok: boolean; readonly detail?: string }>;
}

const CHECK_TIMEOUT_MS = 2_000;

/**
 * Runs the readiness checks: the identity provider's keys (when OIDC is configured) and every
 * check in `options.readiness` (Redis `PING`, …), each bounded to 2 s. Details never hold secrets.
 */
export async function readiness(runtime: GatewayRuntime): Promise<ReadinessReport> {
  const checks: ReadinessReport["checks"] = {};
  const entries: Array<[string, () => Promise<{ ok: boolean; detail?: string }>]> = [
    ["identity", () => runtime.authenticator.ready()],
    ...Object.entries(runtime.options.readiness ?? {}).map(
      ([name, check]): [string, () => Promise<{ ok: boolean; detail?: string }>] => [
        name,
        async () => {
          await check();
          return { ok: true };
        },
      ],
    ),
  ];
  await Promise.all(
    entries.map(async ([name, check]) => {
      checks[name] = await bounded(check);
    }),
  );
  return { ready: Object.values(checks).every((c) => c.ok), checks };
}

async function bounded(check: () => Promise<{ ok: boolean; detail?: string }>) {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<{ ok: boolean; detail: string }>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, detail: "timed out" }), CHECK_TIMEOUT_MS);
    timer.unref();
  });
  try {
    return await Promise.race([check(), timeout]);
  } catch (error) {
    return { ok: false, detail: (error as Error)?.name ?? "failed" };
  } finally {
    clearTimeout(timer);
  }
}
