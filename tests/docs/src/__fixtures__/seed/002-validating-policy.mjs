// Seed: 002_2dfbd059493fc604.txt, "Validating Policy". As published; only the indentation (lost in
// the scrape) is restored. `policyObject` is the user's own: the test defines it in a prelude.
import { parsePolicyYaml, validatePolicy } from "sec0-sdk/policy";

// Parse and validate (throws on error)
const policyYaml = `tenant: my-app\n...`;
const policy = parsePolicyYaml(policyYaml);

// Validate without throwing
const result = validatePolicy(policyObject);
if (!result.valid) {
  console.error("Policy validation errors:", result.errors);
}
