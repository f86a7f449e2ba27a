import { commandRule as r } from "./command-rule.js";
import type { PatternRule } from "./rule-set.js";

/**
 * Shell tradecraft by MITRE ATT&CK technique family (persistence, defense evasion, credential
 * access, collection, execution of downloaded code), added to the base table in
 * `command-unsafe.ts`. Discovery alone (`uname`, `env`, `ps`, `ls`) is deliberately absent.
 */
export const TECHNIQUE_RULES: readonly PatternRule[] = [
  // T1105 + T1059: download, then make executable or run.
  r(
    "pipe_to_shell",
    /\b(?:curl|wget)\b[^\n;&|]{0,256}(?:;|&&|\|\||\n)[^\n]{0,256}?(?:\bchmod\s+(?:\+x|[0-7]?7[0-7][0-7])|\b(?:ba)?sh\s+\S+\.sh\b|(?:^|[;&|]\s*)\.\/\S+)/gm,
    "high",
    0.75,
  ),
  // T1546.005 / T1056.001: traps that run code, log commands or keep a shell alive.
  r(
    "persistence",
    /\btrap\s+(["'])(?:(?!\1)[^\n]){0,256}(?:\bnohup\b|\b(?:ba)?sh\s|\bcurl\b|\bwget\b|>>|\$BASH_COMMAND)(?:(?!\1)[^\n]){0,256}\1\s+(?:DEBUG|EXIT|ERR|RETURN|SIG\w+|INT|TERM|HUP)\b/g,
    "high",
    0.75,
  ),
  // T1562.003: impair command history.
  r(
    "evasion",
    /\bHISTCONTROL=["']?(?:ignoreboth|ignorespace|erasedups)|\bHISTIGNORE=|\bexport\s+HISTFILE=|\bHISTTIMEFORMAT=["']?\s*["']?$/gm,
    "medium",
    0.65,
  ),
  // T1547.006 / T1014: kernel modules and extensions.
  r("privilege", /\b(?:kextload|kmutil\s+load|kextutil)\b/g, "high", 0.75),
  // T1543 / T1569: system services from unusual places, transient units running shells.
  r(
    "persistence",
    /\bsystemd-run\b[^\n]{0,256}\/bin\/(?:ba)?sh\b|\bExecStart=[^\n]{0,256}(?:\/tmp\/|\/dev\/shm\/|\/bin\/(?:ba)?sh\s+-c)|(?:>>?|tee\s+(?:-a\s+)?)\s*[^\s>]{0,256}\/(?:systemd\/(?:system|user)|\.config\/systemd\/user|\.config\/autostart|xdg\/autostart|udev\/rules\.d)\/\S{0,256}/g,
    "high",
    0.75,
  ),
  // T1037 / T1543 / T1547: files copied, linked or created in autostart locations.
  r(
    "persistence",
    /\b(?:cp|mv|ln|install|touch|ditto)\b[^\n]{0,256}\s["']?(?:~|\$HOME)?\/(?:Library\/(?:LaunchDaemons|LaunchAgents|StartupItems)|etc\/(?:cron\.(?:d|daily|hourly|weekly|monthly)|init\.d|rc\.d|systemd\/system|profile\.d|update-motd\.d)|\.config\/autostart)\/?/g,
    "high",
    0.75,
  ),
  // T1021.005: enabling remote desktop/VNC access.
  r("exfiltration", /\bkickstart\b[^\n]{0,256}-activate\b|\bARDAgent\.app\b/g, "high", 0.7),
  // T1546.018 and friends: interpreter start-up hooks.
  r(
    "persistence",
    /\.pth\b[^\n]{0,256}(?:site-packages|getsitepackages)|(?:site-packages|getsitepackages)[^\n]{0,256}\.pth\b/g,
    "high",
    0.7,
  ),
  // T1539 / T1555.003: browser debugging ports and profile stores.
  r(
    "credential_access",
    /--remote-debugging-port\b|\bkillall\s+["']?(?:Google Chrome|Safari|firefox|chrome)\b/gi,
    "high",
    0.75,
  ),
  // T1070.002 / T1070.008: logs and mail spools cleared or rewritten.
  r(
    "evasion",
    /\b(?:truncate\s+-s\s*0|rm\s+-[a-zA-Z]*f?[a-zA-Z]*)\s+[^\n]{0,256}(?:\/var\/lib\/docker\/containers|\/var\/spool\/mail|\/var\/mail|Library\/Mail|\.log\b)|\bdocker\s+(?:container\s+)?prune\b[^\n]{0,256}&&[^\n]{0,256}truncate\b/g,
    "high",
    0.7,
  ),
  // T1070.006: timestomping to a fixed old date.
  r("evasion", /\btouch\s+(?:-[a-zA-Z]+\s+){0,8}-[a-zA-Z]*[td]\s+["']?(?:19\d\d|20[01]\d)/g, "medium", 0.65),
  // T1059.002 / T1056: AppleScript driving other apps, keystrokes, prompts for passwords.
  r(
    "suspicious_exec",
    /\bosascript\b[^\n]{0,256}(?:do\s+script|keystroke|System Events|with\s+hidden\s+answer|display\s+dialog[^\n]{0,256}password)/gi,
    "medium",
    0.65,
  ),
  // T1056.001 via auditd: logging every execve.
  r("collection", /\bauditctl\b[^\n]{0,256}-S\s+execve\b/g, "medium", 0.65),
  // T1578 / T1059.009: cloud instances with user-data scripts, cloud shells.
  r(
    "suspicious_exec",
    /\baws\s+ec2\s+run-instances\b[^\n]{0,256}(?:\\\s*\n[^\n]{0,256}){0,16}--user-data\b/g,
    "medium",
    0.65,
  ),
  // T1132 / T1048: encode data, then send it out.
  r(
    "exfiltration",
    /\b(?:base64|b64encode|xxd\s+-p|openssl\s+base64)\b[^\n]{0,256}(?:\n[^\n]{0,256})?\b(?:curl|wget|nc|dig|nslookup)\b[^\n]{0,256}(?:-X\s*POST|-d\b|--data|\$\(|[A-Za-z0-9+/]{8,}={0,2}\.[a-z0-9-]+\.[a-z]{2,})/g,
    "high",
    0.7,
  ),
  // T1496: resource hijacking.
  r(
    "resource_hijack",
    /\b(?:xmrig|minerd|cpuminer|stratum\+tcp:\/\/)|\byes\s*>\s*\/dev\/null/g,
    "medium",
    0.65,
  ),
  // T1564.001: hiding files and folders.
  r(
    "evasion",
    /\bchflags\s+hidden\b|\bSetFile\s+-a\s+V\b|\bmv\s+\S+\s+\S{0,256}\/\.\.?\S+|\bmkdir\s+(?:-p\s+)?\S{0,256}\/\.\.\S{0,256}/g,
    "medium",
    0.6,
  ),
  // T1548.003: sudo caching and sudoers defaults.
  r(
    "privilege",
    /\bDefaults\s+!?(?:tty_tickets|timestamp_timeout|visiblepw|!?authenticate)\b|\bsudo\s+-v\b/g,
    "medium",
    0.6,
  ),
  // T1531 / T1098: locking or rewriting accounts and authorized keys.
  r(
    "tampering",
    /\b(?:passwd\s+-[ld]\s+\S+|chpasswd\b|userdel\s+\S+|usermod\s+-[a-zA-Z]*L\b|pw\s+(?:lock|userdel)\b|dscl\s+\.\s+-passwd)|\bssh-keygen\b[^\n]{0,256}>>?\s*\S{0,256}authorized_keys/g,
    "high",
    0.7,
  ),
  // T1485 / T1561: overwriting with zeros or random data.
  r(
    "destructive",
    /\bdd\b[^\n]{0,256}\bif=\/dev\/(?:zero|u?random)\b[^\n]{0,256}\bof=(?!\/dev\/null\b)\S+|\b(?:srm|wipe)\s+-[a-zA-Z]*[rR]/g,
    "high",
    0.7,
  ),
  // T1486: encrypting files in place (ransomware shape).
  r(
    "destructive",
    /\b(?:openssl\s+enc|gpg\s+(?:--batch\s+)?(?:-c|--symmetric)|ccrypt|7z\s+a\s+-p)\b[^\n]{0,256}(?:&&|;)\s*(?:rm|shred|srm)\b|\bfind\b[^\n]{0,256}-exec\s+(?:openssl|gpg|ccrypt)\b/g,
    "high",
    0.75,
  ),
  // T1553.001 / T1553.004: removing quarantine, trusting certificates.
  r(
    "evasion",
    /\bxattr\s+(?:-r\s+)?-d\s+com\.apple\.quarantine|\bsecurity\s+add-trusted-cert\b|\bupdate-ca-certificates\b[^\n]{0,256}&&|\/usr\/local\/share\/ca-certificates\/\S+\.crt/g,
    "medium",
    0.65,
  ),
  // T1036: masquerading a shell or downloaded binary as a system process.
  r(
    "suspicious_exec",
    /\b(?:cp|mv)\s+(?:\/bin\/(?:ba)?sh|\S+\/(?:ba)?sh)\s+\S{0,256}(?:crond|sshd|systemd|kworker|syslogd|\.\w+)\b|\bexec\s+-a\s+\S+/g,
    "medium",
    0.65,
  ),
];
