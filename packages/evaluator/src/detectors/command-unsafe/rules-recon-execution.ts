// Data: part of the base rule table of the `command_unsafe` detector (`rules.ts` joins the parts).
import type { DocumentedRule } from "../rule-set.js";
import { commandRule as r } from "./command-rule.js";

/** Base `command_unsafe` rules: chained reconnaissance, execution from temp, masquerading, process injection. */
export const BASE_RECON_EXECUTION_RULES: readonly DocumentedRule[] = [
  // Reconnaissance: several discovery commands chained, or discovery output saved to a file.
  r(
    "recon",
    /(?:^|[;&|]\s*|(?<![\n;&|]\s*?)\n\s*)(?:sudo\s+)?(?:uname|whoami|id|hostname|env|ps|netstat|arp|lsmod|users|w|who|last|lastlog|ifconfig|ip\s+(?:a|addr|route|neigh)|groups|sysctl|system_profiler|ioreg|kextstat|kldstat|smbstatus|showmount|sockstat|df|mount)\b[^\n]{0,256}(?:>>?\s*\/tmp\/|\|\s*grep\s+-[a-zA-Z]*\s*["']?[^\n]{0,256}(?:vbox|vmw|xen|virtual|qemu|hyperv|falcon|osquery|wazuh|beat|sysmon))/gm,
    "medium",
    0.6,
    {
      id: "command_unsafe.recon_tmp",
      meaning: "Reconnaissance chained with attack tooling: `ps >> /tmp/` and the like.",
      matches: ["ps >> /tmp/loot.txt"],
      ignores: ["ls /tmp"],
    },
  ),
  r(
    "recon",
    /(?:^|(?<!(?:^|\n)\s*?)\n)\s*(?:uname|whoami|id|hostname|env|ps|netstat|users|w|who|groups|date)\b[^\n]{0,256}\n\s*(?:uname|whoami|id|hostname|env|ps|netstat|users|w|who|groups)\b/g,
    "low",
    0.55,
    {
      id: "command_unsafe.persistence_multiline",
      meaning: "Reconnaissance chained with attack tooling: `groups id` and the like.",
      matches: ["groups\nid\n"],
      ignores: ["ls -la /tmp"],
    },
  ),
  r(
    "recon",
    /\bpgrep\b[^\n]{0,256}(?:agent|beat|osquery|falcon|wazuh|cb|sysmon)|Virtualization Environment|hw\.(?:model|hv_vendor)|\bfind\s+\/\S{0,256}\s[^\n]{0,256}-(?:path|name)\s+["']?\*?[^\n]{0,256}(?:token|secret|credential|\.pem|\.key|id_rsa|password)/gi,
    "medium",
    0.6,
    {
      id: "command_unsafe.recon_pgrep_agent",
      meaning: "Reconnaissance chained with attack tooling: `hw.model` and the like.",
      matches: ["sysctl -n hw.model"],
      ignores: ["magento list"],
    },
  ),
  // Execution from temp, masquerading, process injection
  r(
    "suspicious_exec",
    /(?:^|[;&|]\s*|(?<![;&|\n]\s*?)\n\s*|&&\s*)(?:sudo\s+)?(?:\.\/|\/tmp\/|\/dev\/shm\/|\/var\/tmp\/)[\w.-]+(?:\s|$)/gm,
    "medium",
    0.6,
    {
      id: "command_unsafe.suspicious_exec_relative",
      meaning: "Executes code from an untrusted place or way: `/tmp/hello` and the like.",
      matches: ["/tmp/hello"],
      ignores: ["./pii/pii.js"],
    },
  ),
  r(
    "suspicious_exec",
    /\bchmod\s+(?:\+x|[0-7]?7[0-7][0-7])\s+(?:\/tmp|\/dev\/shm|\/var\/tmp)\//g,
    "medium",
    0.7,
    {
      id: "command_unsafe.suspicious_exec_chmod_tmp",
      meaning: "Executes code from an untrusted place or way: `chmod +x /tmp/` and the like.",
      matches: ["chmod +x /tmp/art.sh"],
      ignores: ["sudo chmod u+s /tmp/hello"],
    },
  ),
  r(
    "suspicious_exec",
    /\bcp\s+(?:\/bin\/|\$\(which\s+)\w+\S{0,256}\s+(?:\/tmp|\$HOME|~)\/\S{0,256}/g,
    "medium",
    0.65,
    {
      id: "command_unsafe.suspicious_exec_bin_cp",
      meaning: "Executes code from an untrusted place or way: `cp /bin/sh /tmp/crond;` and the like.",
      matches: ["cp /bin/sh /tmp/crond;"],
      ignores: ["cp PathToAtomicsFolder/T1027.002/bin/linux/test_upx /tmp/packed_bin && /tmp/packed_bin"],
    },
  ),
  r(
    "suspicious_exec",
    /\b(?:osascript\s+-e|python\d?(?:\.\d+)?\s+-c|perl\s+-e|ruby\s+-e|php\s+-r)\b[^\n]{0,256}(?:do shell script|import\s+(?:os|socket|subprocess|pty|requests|urllib)|system\(|exec\(|`|socket)/g,
    "high",
    0.75,
    {
      id: "command_unsafe.suspicious_exec_osascript",
      meaning: "Executes code from an untrusted place or way: `osascript -e 'do shell script` and the like.",
      matches: ["osascript -e 'do shell script \"rm /var/log/system.log\" with administrator privileges'"],
      ignores: ['osascript -e \'tell application "Terminal" to do script "tor"\''],
    },
  ),
  r("suspicious_exec", /\b(?:xattr\s+-c|codesign\s+--remove-signature|spctl\s+--add)\b/g, "medium", 0.6, {
    id: "command_unsafe.suspicious_exec_xattr",
    meaning:
      "Executes code from an untrusted place or way: `xattr -c ~/Downloads/installer.app` and the like.",
    matches: ["xattr -c ~/Downloads/installer.app"],
    ignores: ["warp-diag --add-ts"],
  }),
];
