// evaluatePolicy per call on a compiled policy (allow and deny paths) against baselines measured in
// the same run: validating + compiling the policy object on every call, and parsing the YAML on
// every call (what a per-call re-validation like 0.2.3's costs). Not a test: prints a table.
import {
  compilePolicy,
  evaluatePolicy,
  parsePolicyYaml,
  validatePolicy,
} from "../packages/policy/dist/index.js";
import { measure, printTable } from "./harness.mjs";

const yaml = `
tenant: my-app
default_retention: "30d"
tools:
  allowlist:
    - "mcp://vision-mcp/*@*"
    - "mcp://database-mcp/query@1.0"
    - "mcp://files/read_file@1.2.0"
    - "mcp://files/write_file@1.2.0"
  deny_if_unpinned_version: true
side_effects:
  require_idempotency_key: true
enforcement:
  deny_on: [tool_not_in_allowlist, version_unpinned, egress_violation, fs_violation, payload_too_large, integrity_violation]
  escalate_on: [missing_idempotency_for_side_effect]
security:
  egress_allowlist: ["*.example.com", "api.stripe.com"]
  fs_allowlist: ["/data", "/tmp/sec0-*"]
  limits:
    max_payload_kb: 64
compliance:
  packs:
    - id: security
      name: Security Rules
      rules:
        - id: no-secrets
          type: regex
          location: output
          patterns: ["(?i)api_key=", "(?i)secret=", "(?i)password="]
  policies:
    - id: default
      name: Default Policy
      enabled: true
      pack_ids: [security]
`;

const policy = parsePolicyYaml(yaml);
const compiled = compilePolicy(policy);
const payload = {
  path: "/data/reports/q1.csv",
  url: "https://api.example.com/v1/upload",
  body: "x".repeat(1000),
};
const allow = { tool: "mcp://files/write_file@1.2.0", args: payload, idempotencyKey: "k-1" };
const deny = {
  tool: "mcp://files/write_file@1.2.0",
  args: { ...payload, path: "/data/../etc/passwd" },
  idempotencyKey: "k-2",
};

const check = (result, action) => {
  if (result.decision.action !== action) throw new Error(`expected ${action}, got ${result.decision.action}`);
};
check(evaluatePolicy(compiled, allow), "allow");
check(evaluatePolicy(compiled, deny), "deny");

const rows = [];
const add = async (name, fn) => {
  const r = await measure(fn);
  rows.push([name, r.opsPerSec, r.medianUs, r.p99Us]);
  return r;
};
const allowFast = await add("evaluatePolicy, compiled — allow", () =>
  check(evaluatePolicy(compiled, allow), "allow"),
);
await add("evaluatePolicy, compiled — deny (fs traversal)", () =>
  check(evaluatePolicy(compiled, deny), "deny"),
);
await add("evaluatePolicy, payloadBytes given — allow", () =>
  check(evaluatePolicy(compiled, { ...allow, payloadBytes: 1100 }), "allow"),
);
const perCall = await add("baseline: validate + compile per call — allow", () => {
  const valid = validatePolicy(policy);
  check(evaluatePolicy(compilePolicy(valid.policy), allow), "allow");
});
await add("baseline: parse YAML + compile per call — allow", () =>
  check(evaluatePolicy(compilePolicy(parsePolicyYaml(yaml)), allow), "allow"),
);

printTable(["case", "ops/s", "median µs", "p99 µs"], rows);
console.log(
  `\ncompiled allow path is ${(perCall.medianUs / allowFast.medianUs).toFixed(0)}× faster (median) than validating and compiling per call.`,
);
