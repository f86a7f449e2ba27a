// Data: part of the base rule table of the `command_unsafe` detector (`rules.ts` joins the parts).
import type { DocumentedRule } from "../rule-set.js";
import { commandRule as r } from "./command-rule.js";

/** Base `command_unsafe` rules: persistence, defense evasion, log and history tampering, credential access. */
export const BASE_PERSISTENCE_EVASION_RULES: readonly DocumentedRule[] = [
  // Persistence
  r(
    "persistence",
    /(?:>>?|tee\s+(?:-a\s+)?)\s*(?:\/etc\/(?:crontab|cron\.(?:d|daily|hourly|weekly|monthly)\/\S{0,256}|rc\.local|rc\.common|profile(?:\.d\/\S{0,256})?|bash\.bashrc|init\.d\/\S{0,256}|systemd\/system\/\S{0,256}|pam\.d\/\S{0,256}|update-motd\.d\/\S{0,256})|\/var\/spool\/cron\S{0,256}|~?\/?[^\s>]{0,256}\.(?:bashrc|bash_profile|zshrc|profile|zshenv|bash_logout)|[^\s>]{0,256}\.ssh\/authorized_keys|\/Library\/(?:LaunchDaemons|LaunchAgents|StartupItems)\/\S{0,256}|~\/Library\/LaunchAgents\/\S{0,256})/g,
    "high",
    0.85,
    {
      id: "command_unsafe.persistence_crontab_etc",
      meaning: "Makes code run again later (persistence): `>> ~/.zshrc` and the like.",
      matches: ["npm completion >> ~/.zshrc"],
      ignores: ["tldr crontab"],
    },
  ),
  r("persistence", /\bcrontab\s+(?!-[lr]\b)(?:-\s*$|\/tmp\/|\S+\s*$)|\|\s*crontab\s+-/gm, "high", 0.75, {
    id: "command_unsafe.persistence_crontab",
    meaning: "Makes code run again later (persistence): `crontab -e` and the like.",
    matches: ["crontab -e"],
    ignores: ["tldr crontab"],
  }),
  r(
    "persistence",
    /\b(?:launchctl\s+(?:load|bootstrap|submit)|systemctl\s+(?:--user\s+)?enable|update-rc\.d\s+\S+\s+defaults|chkconfig\s+\S+\s+on|systemd-run\b[^\n]{0,256}--on-(?:calendar|active))/g,
    "medium",
    0.6,
    {
      id: "command_unsafe.persistence_launchctl_load",
      meaning: "Makes code run again later (persistence): `chkconfig {{sshd}} on` and the like.",
      matches: ["chkconfig {{sshd}} on"],
      ignores: ["sudo launchctl unload /Library/LaunchDaemons/com.carbonblack.daemon.plist"],
    },
  ),
  r(
    "persistence",
    /\bat\s+now\b|\btrap\s+['"][^'"]*['"]\s+(?:DEBUG|EXIT)\b|\bPROMPT_COMMAND=/g,
    "medium",
    0.65,
    {
      id: "command_unsafe.persistence_now_at",
      meaning: "Makes code run again later (persistence): `at now` and the like.",
      matches: ["at now + 5 minutes"],
      ignores: ["NOW=$(date +%m%d%H%M%Y)"],
    },
  ),
  // Defense evasion, log and history tampering
  r(
    "evasion",
    /\bhistory\s+-c\b|\bunset\s+HISTFILE\b|\bHISTFILE=\/dev\/null|\bHISTFILESIZE=0|\bHISTSIZE=0|\bset\s+\+o\s+history|(?:rm|shred|>)\s*(?:-\w+\s+){0,8}~?\/?[^\s>]{0,256}\.(?:bash|zsh|sh)_history|\/dev\/null\s*>\s*~?\/?\S{0,256}_history/g,
    "high",
    0.85,
    {
      id: "command_unsafe.evasion_history",
      meaning: "Hides activity or impairs defenses: `history -c` and the like.",
      matches: ["history -c"],
      ignores: ["dunstctl history-clear"],
    },
  ),
  r(
    "evasion",
    /\b(?:setenforce\s+0|ufw\s+disable|iptables\s+-F|auditctl\s+-[De]\s*0?|spctl\s+--master-disable|csrutil\s+disable|systemctl\s+(?:stop|disable|mask)\s+\S{0,256}(?:firewalld|auditd|apparmor|selinux|falcon|sysmon|osquery|clamav|syslog|rsyslog|sshd|ufw|iptables)\S{0,256}|service\s+\S{0,256}(?:auditd|firewalld|rsyslog|syslog|apparmor)\S{0,256}\s+stop)\b/g,
    "high",
    0.85,
    {
      id: "command_unsafe.evasion_setenforce",
      meaning: "Hides activity or impairs defenses: `auditctl -D` and the like.",
      matches: ["auditctl -D"],
      ignores: ["setenforce {{1|Enforcing}}"],
    },
  ),
  r(
    "evasion",
    /\b(?:rm|shred|truncate)\b[^\n;]{0,256}\/var\/log\/|\bjournalctl\b[^\n]{0,256}--vacuum|\bunlink\s+\/var\/log/g,
    "high",
    0.8,
    {
      id: "command_unsafe.evasion_var_log",
      meaning: "Hides activity or impairs defenses: `rm -rf /var/log/` and the like.",
      matches: ["rm -rf /var/log/messages"],
      ignores: ["sudo srm /var/log/system.log #system log file deletion"],
    },
  ),
  r(
    "evasion",
    /\btouch\s+-[a-z]*(?:t\s*\d{8,}|r\s)|\bSetFile\s+-[md]\b|\btimedatectl\s+set-time|\bdate\s+\d{10,}/g,
    "medium",
    0.65,
    {
      id: "command_unsafe.evasion_touch",
      meaning: "Hides activity or impairs defenses: `date 010100001971` and the like.",
      matches: ["date 010100001971"],
      ignores: ["touch notes.txt"],
    },
  ),
  r(
    "evasion",
    /\bchattr\s+[+-]i\b|\bchflags\s+(?:-R\s+)?(?:0|schg|noschg|uchg|hidden)\b|\bxattr\s+-[a-z]*d\s+com\.apple\.quarantine/g,
    "medium",
    0.65,
    {
      id: "command_unsafe.evasion_chattr",
      meaning: "Hides activity or impairs defenses: `chattr -i` and the like.",
      matches: ["chattr -i /var/spool/cron/root"],
      ignores: ["chattr +F {{path/to/directory}}"],
    },
  ),
  r(
    "evasion",
    /\bkill(?:all)?\s+(?:-\d+\s+)?\S{0,256}(?:auditd|falcon|syslog|sysmon|osquery)\b|\bkill\s+-31\b|\bmount\s+-[a-zA-Z]*B\s+\S{0,256}\/proc\//g,
    "high",
    0.8,
    {
      id: "command_unsafe.evasion_auditd_killall",
      meaning: "Hides activity or impairs defenses: `kill -31` and the like.",
      matches: ["kill -31 $TARGETPID"],
      ignores: ["killall firefox"],
    },
  ),
  // Credential access
  r(
    "credential_access",
    /\/etc\/(?:shadow|gshadow|master\.passwd|security\/opasswd)\b|\bunshadow\b|\b(?:mimipenguin|laZagne|linpeas|LinEnum|pspy|john|hashcat)\b/g,
    "high",
    0.85,
    {
      id: "command_unsafe.credential_access_etc_shadow",
      meaning: "Reads or dumps credentials: `/etc/shadow` and the like.",
      matches: ["testcat /etc/shadow"],
      ignores: ["ls -l /etc/passwd"],
    },
  ),
  r(
    "credential_access",
    /\/proc\/"?(?:\$\S+|\d+|self)\/(?:mem|maps|environ)\b|\bgcore\b|\bgdb\b[^\n]{0,256}-p\s+\S+[^\n]{0,256}dump/g,
    "high",
    0.8,
    {
      id: "command_unsafe.credential_access_proc_mem",
      meaning: 'Reads or dumps credentials: `/proc/"$PID"/maps` and the like.',
      matches: ['HEAP_MEM=$(grep -E "^[0-9a-f-]* r" /proc/"$PID"/maps | grep heap | cut -d\' \' -f 1)'],
      ignores: ["tldr hexdump"],
    },
  ),
  r(
    "credential_access",
    /(?:cat|cp|scp|tar|zip|base64|curl)\b[^\n]{0,256}(?:\.ssh\/id_(?:rsa|dsa|ecdsa|ed25519)\b|\.aws\/credentials|\.docker\/config\.json|\.kube\/config|\.gnupg\/|Keychains\/|\.netrc|\.pgpass|\.git-credentials|\.bash_history)/g,
    "high",
    0.8,
    {
      id: "command_unsafe.credential_access_ssh_id",
      meaning: "Reads or dumps credentials: `cat /dev/null > ~/.bash_history` and the like.",
      matches: ["cat /dev/null > ~/.bash_history"],
      ignores: ["cat ~/.ssh/config"],
    },
  ),
  r(
    "credential_access",
    /\bgrep\s+(?:-[a-zA-Z]+\s+){0,8}["']?(?:pass(?:word)?|secret|api[_-]?key|token|credential)s?["']?\s+(?:-[a-zA-Z]+\s+){0,8}\/(?:\s|etc|home|root|var)|\bfind\s+\/\S{0,256}\s[^\n]{0,256}-name\s+["']?\*?(?:id_rsa|\.pem|\.key|credentials|\.kdbx|wallet)/gi,
    "high",
    0.8,
    {
      id: "command_unsafe.credential_access_grep_password",
      meaning: "Reads or dumps credentials: `grep -ri password /` and the like.",
      matches: ["grep -ri password /\nexit 0\n"],
      ignores: ["grep -ri password /"],
    },
  ),
  r(
    "credential_access",
    /\bsecurity\s+(?:dump-keychain|find-(?:generic|internet)-password)\b|\b(?:keychain|login)\.keychain(?:-db)?\b/g,
    "high",
    0.85,
    {
      id: "command_unsafe.credential_access_dump_keychain",
      meaning: "Reads or dumps credentials: `security dump-keychain` and the like.",
      matches: ["sudo security dump-keychain -d login.keychain"],
      ignores: ["security list-keychains"],
    },
  ),
  r(
    "credential_access",
    /\b(?:ssh-keygen|openssl\s+passwd)\b[^\n]{0,256}\b(?:passwd|shadow|usermod|useradd|pw\s+mod)\b|\busermod\s+--password\b|\bpw\s+mod\s+user\b[^\n]{0,256}-h\s+0/g,
    "high",
    0.75,
    {
      id: "command_unsafe.credential_access_ssh_keygen",
      meaning: "Reads or dumps credentials: `usermod --password` and the like.",
      matches: ["usermod --password $(openssl passwd -1 nobody) nobody"],
      ignores: ["ssh-keygen -t ed25519 -C me@example.com"],
    },
  ),
  r("credential_access", /\b(?:tcpdump|tshark|dumpcap)\b/g, "medium", 0.6, {
    id: "command_unsafe.credential_access_tcpdump",
    meaning: "Reads or dumps credentials: `tshark` and the like.",
    matches: ["tshark -c 5 -i em0"],
    ignores: ["ls -la /tmp"],
  }),
  r("credential_access", /\b(?:sshpass\s+-p|ldapsearch\b[^\n]{0,256}-w\s+\S+)/g, "medium", 0.6, {
    id: "command_unsafe.credential_access_sshpass",
    meaning: "Reads or dumps credentials: `sshpass -p` and the like.",
    matches: ["sshpass -p 'pwd101!' ssh testuser1@localhost -T hostname"],
    ignores: ["sshpass -d {{0}} ssh {{user}}@{{hostname}}"],
  }),
];
