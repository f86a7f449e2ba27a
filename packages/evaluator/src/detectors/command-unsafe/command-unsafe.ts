import type { StringScan } from "../../string-scan.js";
import type { Detector, DetectorMatch } from "../../types.js";
import { compileRuleSet, NO_MATCHES } from "../rule-set.js";
import { COMMAND_RULES } from "./rules.js";

const RULES = compileRuleSet(COMMAND_RULES);

/**
 * Unsafe shell: destructive commands, writes to block devices, pipe-to-shell and decode-and-run,
 * reverse shells, privilege changes, persistence, log/history tampering, credential access and
 * exfiltration/C2 patterns from attacker tradecraft (MITRE ATT&CK).
 */
export const commandUnsafeDetector: Detector = {
  id: "command_unsafe",
  version: "1.1.0",
  code: "agent_command_unsafe",
  defaultSeverity: "high",
  catches:
    "A command that itself destroys, escalates, persists, evades defenses, steals credentials, collects or exfiltrates data, or runs untrusted code. `rm -rf` on /, ~, * or system folders, `--no-preserve-root`, mkfs/wipefs/shred, fork bombs, `find / -delete`, `dd if=/dev/zero of=…`, encrypt-then-delete; `dd of=/dev/sdX` and redirects into block devices; `curl|wget … | sh`, download then `chmod +x`/run, `bash <(curl …)`, `base64 -d | sh`, `eval $(…)`, `powershell -enc`, `IEX (New-Object Net.WebClient)…`; reverse shells (`/dev/tcp/`, `nc -e`, mkfifo+nc, socat exec, python/perl socket shells, awk /inet/tcp, `pty.spawn`); setuid bits, writes to /etc/sudoers|passwd|shadow, NOPASSWD, sudo caching, adding users to sudo/wheel/root, setcap, kernel modules and macOS kexts, ld.so.preload/LD_PRELOAD; persistence (cron, rc.local, shell rc files, authorized_keys, systemd units and transient services, launchd and StartupItems, XDG autostart, udev rules, Python .pth hooks, traps that run code); history and log wiping (HISTCONTROL, docker/mail logs), disabling SELinux/firewalls/audit, timestomping, hiding files, removing quarantine; credential access (/etc/shadow, /proc/*/mem, SSH/AWS/kube credentials, keychains, browser debugging ports, grep for passwords, sniffers); exfiltration (curl -F @file, tar|ssh, nc < file, DNS, encode-then-send, paste sites, rclone, remote-desktop enablement) and scanners (nmap, hydra, sqlmap); executing from /tmp, interpreter one-liners that import os/socket/subprocess, AppleScript driving other apps, cloud instances with user-data.",
  misses:
    "Discovery on its own (`uname -a`, `whoami`, `ps`, `env`, `ls`, `ip route`), which is not unsafe by itself and deliberately not flagged (Atomic Red Team's Discovery tests are reported apart); running an opaque binary or script whose name says nothing (`./payload`, `python3 tool.py`); obfuscation beyond base64/hex (variable splicing, `${IFS}`, string reversal); Windows cmd.exe syntax beyond PowerShell download-and-execute; intent: `rm -rf ./build` and `dd of=/dev/sdb` for an installer look the same as sabotage (the latter is flagged).",
  detect(text: string, scan?: StringScan): DetectorMatch[] {
    if (text.length < 3) return NO_MATCHES;
    return RULES.run(text, scan);
  },
};
