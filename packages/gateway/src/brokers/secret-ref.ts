/** A parsed broker secret reference. */
export type SecretRef =
  | { readonly scheme: "env"; readonly name: string; readonly shown: string }
  | { readonly scheme: "file"; readonly path: string; readonly shown: string };

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Parses `env://NAME`, 0.2.3's `env:NAME`, or `file://path` (`file://./secrets/x` relative to the
 * working directory, `file:///run/secrets/x` absolute); `undefined` for anything else, a plain
 * value included, so a secret pasted into the policy is never taken as one.
 *
 * @example
 * parseSecretRef("env:OPENAI_API_KEY"); // { scheme: "env", name: "OPENAI_API_KEY", shown: "env://OPENAI_API_KEY" }
 */
export function parseSecretRef(ref: string): SecretRef | undefined {
  const text = ref.trim();
  if (text.startsWith("file://")) {
    const path = text.slice("file://".length);
    return path === "" || path.includes("\0") ? undefined : { scheme: "file", path, shown: text };
  }
  const name = text.startsWith("env://")
    ? text.slice(6)
    : text.startsWith("env:")
      ? text.slice(4)
      : undefined;
  return name !== undefined && ENV_NAME.test(name)
    ? { scheme: "env", name, shown: `env://${name}` }
    : undefined;
}
