// Data: the base rule table of the `command_unsafe` detector (`command-unsafe.ts` runs it).
import { commandRule as r } from "./command-rule.js";
import type { PatternRule } from "./rule-set.js";

const SH = String.raw`(?:sudo\s+)?(?:\/(?:usr\/)?bin\/)?(?:ba|z|k|c|tc|da|fi)?sh\b`;
const DEV = String.raw`\/dev\/(?:[sh]d[a-z]|nvme\d|xvd[a-z]|vd[a-z]|mmcblk\d|disk\d|mapper\/|md\d|sr\d)`;

/**
 * The base `command_unsafe` table: shell patterns by family (destructive, device writes,
 * pipe-to-shell, reverse shells, privilege, persistence, defense evasion, credential access,
 * exfiltration, system tampering, reconnaissance chains, execution from temp). Order matters only
 * for which match is reported first.
 */
export const BASE_COMMAND_RULES: readonly PatternRule[] = [
  // Destructive
  r(
    "destructive",
    /\brm\s+(?:-[a-zA-Z]*\s+){0,8}-[a-zA-Z]*[rR][a-zA-Z]*\s+(?:-[-a-zA-Z]+\s+){0,8}(?:["']?(?:\/|~|\$HOME|\*|\/\*|\.\.?\/?\*?|\/(?:etc|usr|var|boot|bin|lib|home|root|opt|srv|sys|proc)\/?)["']?)(?=\s|$|;|&|\|)/g,
    "critical",
    0.9,
  ),
  r("destructive", /--no-preserve-root/g, "critical", 0.95),
  r("destructive", /\b(?:mkfs(?:\.\w+)?|mke2fs|wipefs|sgdisk\s+--zap|blkdiscard)\b/g, "high", 0.8),
  r("destructive", new RegExp(String.raw`\bshred\b[^\n;|&]{0,256}(?:${DEV}|\s-[a-z]*u)`, "g"), "high", 0.8),
  r("destructive", /:\s*\(\s*\)\s*\{\s*:\s*\|\s*:\s*&\s*\}\s*;\s*:/g, "critical", 0.95),
  r("destructive", /\bfind\s+\/\S{0,256}\s[^\n|;]{0,256}-(?:delete|exec\s+rm)\b/g, "high", 0.8),
  r(
    "destructive",
    /\bchmod\s+(?:-[a-zA-Z]*R[a-zA-Z]*\s+)?(?:0?777|a\+rwx)\s+\/(?:\s|$|etc|usr|var|bin)/g,
    "high",
    0.85,
  ),
  r("destructive", /\bchown\s+-[a-zA-Z]*R[a-zA-Z]*\s+\S+\s+\/(?:\s|$)/g, "high", 0.85),
  r("destructive", /\b(?:truncate\s+-s\s*0|cat\s+\/dev\/null\s*>|>\s*)\s*\/var\/log\//g, "high", 0.85),
  // Disk writes to devices
  r("device_write", new RegExp(String.raw`\bdd\b[^\n;|]{0,256}\bof=${DEV}`, "g"), "critical", 0.9),
  r("device_write", new RegExp(String.raw`>\s*${DEV}`, "g"), "critical", 0.9),
  // Pipe to shell, download and execute, decode and execute
  r(
    "pipe_to_shell",
    new RegExp(String.raw`\b(?:curl|wget|fetch)\b[^\n|;]{0,256}\|\s*${SH}`, "g"),
    "critical",
    0.9,
  ),
  r(
    "pipe_to_shell",
    new RegExp(String.raw`${SH}\s+(?:-c\s+)?["']?(?:<\(|\$\()\s*(?:curl|wget)\b`, "g"),
    "critical",
    0.9,
  ),
  r(
    "pipe_to_shell",
    new RegExp(
      String.raw`\b(?:base64\s+(?:-d|--decode|-D)|b64decode|xxd\s+-r)\b[^\n;]{0,256}\|\s*(?:${SH}|python\d?|perl|ruby|php)`,
      "g",
    ),
    "critical",
    0.9,
  ),
  r("pipe_to_shell", /\beval\s+["']?\$\((?:echo|printf|curl|wget|base64|cat)\b/g, "high", 0.85),
  r("pipe_to_shell", /\|\s*(?:sudo\s+)?(?:ba)?sh\s*$|\|\s*\/bin\/(?:ba)?sh\b/gm, "high", 0.7),
  r(
    "pipe_to_shell",
    /\b(?:curl|wget)\b[^\n;]{0,256}(?:-o|-O|--output)\s*\S+[^\n]{0,256}\n?[^\n]{0,256}\bchmod\s+\+x\b/g,
    "high",
    0.8,
  ),
  r(
    "pipe_to_shell",
    /\bexec\s*\(\s*(?:base64\.b64decode|codecs\.decode|zlib\.decompress|__import__\(['"]base64)/g,
    "high",
    0.85,
  ),
  r("pipe_to_shell", /\b(?:bash|sh)\s+-c\s+["']?\$\(\s*(?:echo|printf)\s+[A-Za-z0-9+/=]{16,}/g, "high", 0.8),
  r(
    "pipe_to_shell",
    /\bpowershell(?:\.exe)?\b[^\n]{0,256}\s-(?:e|en|enc|encodedcommand)\s+[A-Za-z0-9+/=]{16,}/gi,
    "critical",
    0.9,
  ),
  r(
    "pipe_to_shell",
    /\b(?:iex|invoke-expression)\b[^\n]{0,256}(?:downloadstring|invoke-webrequest|iwr|net\.webclient)|(?:downloadstring|invoke-webrequest|iwr)\b[^\n]{0,256}\|\s*iex\b/gi,
    "critical",
    0.9,
  ),
  // Reverse shells and bind shells
  r("reverse_shell", /\/dev\/(?:tcp|udp)\/[^\s/]+\/\d+/g, "critical", 0.9),
  r(
    "reverse_shell",
    /\b(?:nc|ncat|netcat|nc\.traditional)\b[^\n|;]{0,256}\s-[a-zA-Z]*[ec]\s*\/?\S{0,256}(?:sh|bash|cmd)\b/g,
    "critical",
    0.95,
  ),
  r(
    "reverse_shell",
    /\bmkfifo\b[^\n]{0,256}\b(?:nc|ncat|netcat|telnet|openssl\s+s_client)\b/g,
    "critical",
    0.9,
  ),
  r("reverse_shell", /\bsocat\b[^\n]{0,256}\bexec:/gi, "critical", 0.9),
  r(
    "reverse_shell",
    /\bsocket\.socket\b[^\n]{0,256}(?:\bconnect\b[^\n]{0,256})?(?:subprocess|os\.dup2|pty\.spawn)|\bos\.dup2\s*\([^\n]{0,256}pty\.spawn/g,
    "critical",
    0.9,
  ),
  r("reverse_shell", /\bpty\.spawn\s*\(\s*["']\/bin\/(?:ba)?sh/g, "high", 0.85),
  r("reverse_shell", /\buse\s+Socket;[^\n]{0,256}(?:exec|open\s*\(\s*STDIN)/g, "critical", 0.9),
  r("reverse_shell", /\b(?:telnet|nc|ncat)\s+\S+\s+\d+\s*\|\s*\/bin\/(?:ba)?sh\s*\|/g, "critical", 0.9),
  r("reverse_shell", /\b(?:awk|gawk)\b[^\n]{0,256}\/inet\/tcp\//g, "critical", 0.9),
  r(
    "reverse_shell",
    /\b(?:awk|perl|ruby|lua|php|vim?|emacs|cpan|busybox|find|less|man|gdb|tar|zip|env)\b[^\n]{0,256}(?:system\s*\(|exec\s*\(?|\bterm\b|-exec)\s*\(?\s*["']\/bin\/(?:ba)?sh\b/g,
    "high",
    0.8,
  ),
  r("reverse_shell", /\bbusybox\s+(?:ba)?sh\s*&/g, "high", 0.8),
  // Privilege changes
  r(
    "privilege",
    /\bchmod\s+(?:-[a-zA-Z]+\s+)?(?:[ugoa]*\+[rwx]*s[rwx]*|[0-7]?[4-7][0-7]{3})\s/g,
    "high",
    0.85,
  ),
  r(
    "privilege",
    /(?:>>?|tee\s+(?:-a\s+)?)\s*\/etc\/(?:sudoers(?:\.d\/\S{0,256})?|passwd|shadow|group|gshadow)\b/g,
    "critical",
    0.9,
  ),
  r("privilege", /\bNOPASSWD\s*:\s*ALL\b/g, "critical", 0.9),
  r(
    "privilege",
    /\busermod\s+(?:-[a-zA-Z]+\s+){0,8}-[a-zA-Z]*G\s+\S{0,256}(?:sudo|wheel|admin|root|docker)\b|\b(?:useradd|adduser|pw\s+useradd)\b[^\n]{0,256}(?:-o\s+-u\s*0|-u\s*0\b|-g\s+(?:0|root|wheel|sudo|admin))|\bdseditgroup\b[^\n]{0,256}\badmin\b/g,
    "high",
    0.85,
  ),
  r(
    "privilege",
    /\bsetcap\b[^\n]{0,256}cap_(?:setuid|setgid|sys_admin|dac_override|sys_ptrace)/g,
    "high",
    0.85,
  ),
  r("privilege", /\bsudo\s+(?:su\b|-i\b|-s\b|bash\b|sh\b)|\bsu\s+(?:-\s+)?root\b/g, "medium", 0.6),
  r(
    "privilege",
    /\b(?:passwd\s+root|dsenableroot|sysadminctl\b[^\n]{0,256}-(?:admin|guestAccount\s+on))\b/g,
    "high",
    0.8,
  ),
  r(
    "privilege",
    /\b(?:insmod|modprobe)\s+(?!-[lrn]\b)\S+|\/etc\/ld\.so\.preload|\bLD_PRELOAD=\S+/g,
    "high",
    0.8,
  ),
  // Persistence
  r(
    "persistence",
    /(?:>>?|tee\s+(?:-a\s+)?)\s*(?:\/etc\/(?:crontab|cron\.(?:d|daily|hourly|weekly|monthly)\/\S{0,256}|rc\.local|rc\.common|profile(?:\.d\/\S{0,256})?|bash\.bashrc|init\.d\/\S{0,256}|systemd\/system\/\S{0,256}|pam\.d\/\S{0,256}|update-motd\.d\/\S{0,256})|\/var\/spool\/cron\S{0,256}|~?\/?[^\s>]{0,256}\.(?:bashrc|bash_profile|zshrc|profile|zshenv|bash_logout)|[^\s>]{0,256}\.ssh\/authorized_keys|\/Library\/(?:LaunchDaemons|LaunchAgents|StartupItems)\/\S{0,256}|~\/Library\/LaunchAgents\/\S{0,256})/g,
    "high",
    0.85,
  ),
  r("persistence", /\bcrontab\s+(?!-[lr]\b)(?:-\s*$|\/tmp\/|\S+\s*$)|\|\s*crontab\s+-/gm, "high", 0.75),
  r(
    "persistence",
    /\b(?:launchctl\s+(?:load|bootstrap|submit)|systemctl\s+(?:--user\s+)?enable|update-rc\.d\s+\S+\s+defaults|chkconfig\s+\S+\s+on|systemd-run\b[^\n]{0,256}--on-(?:calendar|active))/g,
    "medium",
    0.6,
  ),
  r(
    "persistence",
    /\bat\s+now\b|\btrap\s+['"][^'"]*['"]\s+(?:DEBUG|EXIT)\b|\bPROMPT_COMMAND=/g,
    "medium",
    0.65,
  ),
  // Defense evasion, log and history tampering
  r(
    "evasion",
    /\bhistory\s+-c\b|\bunset\s+HISTFILE\b|\bHISTFILE=\/dev\/null|\bHISTFILESIZE=0|\bHISTSIZE=0|\bset\s+\+o\s+history|(?:rm|shred|>)\s*(?:-\w+\s+){0,8}~?\/?[^\s>]{0,256}\.(?:bash|zsh|sh)_history|\/dev\/null\s*>\s*~?\/?\S{0,256}_history/g,
    "high",
    0.85,
  ),
  r(
    "evasion",
    /\b(?:setenforce\s+0|ufw\s+disable|iptables\s+-F|auditctl\s+-[De]\s*0?|spctl\s+--master-disable|csrutil\s+disable|systemctl\s+(?:stop|disable|mask)\s+\S{0,256}(?:firewalld|auditd|apparmor|selinux|falcon|sysmon|osquery|clamav|syslog|rsyslog|sshd|ufw|iptables)\S{0,256}|service\s+\S{0,256}(?:auditd|firewalld|rsyslog|syslog|apparmor)\S{0,256}\s+stop)\b/g,
    "high",
    0.85,
  ),
  r(
    "evasion",
    /\b(?:rm|shred|truncate)\b[^\n;]{0,256}\/var\/log\/|\bjournalctl\b[^\n]{0,256}--vacuum|\bunlink\s+\/var\/log/g,
    "high",
    0.8,
  ),
  r(
    "evasion",
    /\btouch\s+-[a-z]*(?:t\s*\d{8,}|r\s)|\bSetFile\s+-[md]\b|\btimedatectl\s+set-time|\bdate\s+\d{10,}/g,
    "medium",
    0.65,
  ),
  r(
    "evasion",
    /\bchattr\s+[+-]i\b|\bchflags\s+(?:-R\s+)?(?:0|schg|noschg|uchg|hidden)\b|\bxattr\s+-[a-z]*d\s+com\.apple\.quarantine/g,
    "medium",
    0.65,
  ),
  r(
    "evasion",
    /\bkill(?:all)?\s+(?:-\d+\s+)?\S{0,256}(?:auditd|falcon|syslog|sysmon|osquery)\b|\bkill\s+-31\b|\bmount\s+-[a-zA-Z]*B\s+\S{0,256}\/proc\//g,
    "high",
    0.8,
  ),
  // Credential access
  r(
    "credential_access",
    /\/etc\/(?:shadow|gshadow|master\.passwd|security\/opasswd)\b|\bunshadow\b|\b(?:mimipenguin|laZagne|linpeas|LinEnum|pspy|john|hashcat)\b/g,
    "high",
    0.85,
  ),
  r(
    "credential_access",
    /\/proc\/"?(?:\$\S+|\d+|self)\/(?:mem|maps|environ)\b|\bgcore\b|\bgdb\b[^\n]{0,256}-p\s+\S+[^\n]{0,256}dump/g,
    "high",
    0.8,
  ),
  r(
    "credential_access",
    /(?:cat|cp|scp|tar|zip|base64|curl)\b[^\n]{0,256}(?:\.ssh\/id_(?:rsa|dsa|ecdsa|ed25519)\b|\.aws\/credentials|\.docker\/config\.json|\.kube\/config|\.gnupg\/|Keychains\/|\.netrc|\.pgpass|\.git-credentials|\.bash_history)/g,
    "high",
    0.8,
  ),
  r(
    "credential_access",
    /\bgrep\s+(?:-[a-zA-Z]+\s+){0,8}["']?(?:pass(?:word)?|secret|api[_-]?key|token|credential)s?["']?\s+(?:-[a-zA-Z]+\s+){0,8}\/(?:\s|etc|home|root|var)|\bfind\s+\/\S{0,256}\s[^\n]{0,256}-name\s+["']?\*?(?:id_rsa|\.pem|\.key|credentials|\.kdbx|wallet)/gi,
    "high",
    0.8,
  ),
  r(
    "credential_access",
    /\bsecurity\s+(?:dump-keychain|find-(?:generic|internet)-password)\b|\b(?:keychain|login)\.keychain(?:-db)?\b/g,
    "high",
    0.85,
  ),
  r(
    "credential_access",
    /\b(?:ssh-keygen|openssl\s+passwd)\b[^\n]{0,256}\b(?:passwd|shadow|usermod|useradd|pw\s+mod)\b|\busermod\s+--password\b|\bpw\s+mod\s+user\b[^\n]{0,256}-h\s+0/g,
    "high",
    0.75,
  ),
  r("credential_access", /\b(?:tcpdump|tshark|dumpcap)\b/g, "medium", 0.6),
  r("credential_access", /\b(?:sshpass\s+-p|ldapsearch\b[^\n]{0,256}-w\s+\S+)/g, "medium", 0.6),
  // Exfiltration and C2
  r(
    "exfiltration",
    /\b(?:curl|wget)\b[^\n]{0,256}(?:-F\s*["']?\w+=@|-T\s+\S|--upload-file|--data(?:-binary)?\s*["']?@|--post-file)/g,
    "high",
    0.8,
  ),
  r(
    "exfiltration",
    /\b(?:tar|zip|gzip)\b[^\n|]{0,256}\|\s*(?:openssl\b[^\n|]{0,256}\|\s*)?(?:ssh|nc|ncat|curl|socat)\b/g,
    "high",
    0.85,
  ),
  r("exfiltration", /\b(?:nc|ncat|netcat)\s+(?:-\w+\s+){0,8}\S+\s+\d+\s*<\s*\S+/g, "high", 0.85),
  r(
    "exfiltration",
    /\b(?:dig|nslookup|host)\s+[^\n]{0,256}\$\((?:cat|base64|whoami|hostname|xxd)|\bsplit\s+-b\s+\d+/g,
    "high",
    0.75,
  ),
  r(
    "exfiltration",
    /\b(?:rclone|megacmd|mega-put)\b|\b(?:transfer\.sh|file\.io|paste\.rs|pastebin\.com|anonfiles|webhook\.site|ngrok\.io|requestbin)\b/gi,
    "high",
    0.8,
  ),
  r("exfiltration", /\bnmap\b|\bmasscan\b|\bzmap\b|\bhydra\b|\bnikto\b|\bsqlmap\b/g, "medium", 0.65),
  r(
    "exfiltration",
    /\bfor\s+\w+\s+in\b[^\n]{0,256}(?:seq|\{\d+\.\.\d+\})[^\n]{0,256};\s*do\b[^\n]{0,256}(?:ping|\/dev\/tcp|nc\b)/g,
    "medium",
    0.7,
  ),
  r(
    "exfiltration",
    /\btor\b[^\n]{0,256}\b(?:start|enable)\b|\b(?:tor_enable|proxychains)\b|\bnetworksetup\s+-set(?:secure)?webproxy\b/g,
    "medium",
    0.65,
  ),
  // System tampering, sensitive reads, collection (medium confidence: attacker tradecraft, rare in docs)
  r(
    "tampering",
    /\bsed\s+-i\b[^\n]{0,256}\/etc\/(?:sudoers|pam\.d|ssh|systemd|audit|audisp|syslog|rsyslog|security|ufw|hosts)|(?:>>?|tee\s+(?:-a\s+)?)\s*\/(?:usr\/local\/)?etc\/(?!hosts\b)\S+|(?:\bvim?|\bee|\bnano)\s+\/(?:usr\/local\/)?etc\/sudoers/g,
    "high",
    0.75,
  ),
  r(
    "tampering",
    /(?:>|tee)\s*\/proc\/(?:sys\/|sysrq-trigger)|\bsysctl\s+-w\s+kernel\.(?:randomize_va_space|yama|kptr)|\b(?:shutdown|reboot|halt|poweroff)\b(?:\s+-[a-zA-Z]+|\s+now|\s+--\w+|\s*$)/gm,
    "high",
    0.7,
  ),
  r(
    "tampering",
    /\blaunchctl\s+unload\b|\btmutil\s+disable\b|\bmdatp\b[^\n]{0,256}disabled|\b(?:killall|pkill|systemctl\s+stop|service\s+\S+\s+stop)\b[^\n]{0,256}\b(?:cron|syslog|rsyslog|auditd|pf|firewalld|falcon|osquery)\b|\bservice\s+pf\s+(?:stop|disable)|\bpfctl\b|\bufw\s+(?:prepend|insert|delete|deny)|\biptables\s+-[DIA]\b/g,
    "high",
    0.7,
  ),
  r(
    "tampering",
    /\blog\s+erase\b|(?:^|[;&\s])(?:echo\s+['"]*\s*|:\s*|echo\s+\d+)>\s*\/var\/(?:log|spool\/mail)\/|\bsrm\b[^\n]{0,256}\/var\/log|\bdd\b[^\n]{0,256}of=\/var\/log\//gm,
    "high",
    0.8,
  ),
  r("tampering", /\bchmod\s+(?:-R\s+)?[ao]?\+w\b|\bchown\s+(?:-R\s+)?root(?::root)?\s/g, "medium", 0.6),
  r(
    "tampering",
    /\b(?:dscl\s+\.\s+-(?:create|delete|append)\s+\/(?:Users|Groups)|sysadminctl\s+-(?:deleteUser|addUser)|(?:pw\s+)?useradd\b|adduser\b|ldapadd\b|changetype:\s*add)/g,
    "medium",
    0.6,
  ),
  r(
    "tampering",
    /\b(?:DYLD_INSERT_LIBRARIES|LD_AUDIT)=|\b(?:sitecustomize|usercustomize)\.py\b|\/etc\/emond\.d\/|com\.apple\.loginwindow|LoginHook|\/usr\/local\/etc\/rc\.d\/|\.shrc\b|\bdefaults\s+write\b[^\n]{0,256}(?:AppleShowAllFiles|LoginHook|alf|quarantine)|\bsetfile\s+-a\s+V\b|IsHidden\s+1/gi,
    "medium",
    0.65,
  ),
  r(
    "credential_access",
    /\/etc\/(?:passwd|sudoers|pam\.d\/\S+|security\/\S+)\b|\bsudo\s+-l\b|\bfind\s+\S+\s+[^\n]{0,256}-perm\s+-?[24]000/g,
    "medium",
    0.6,
  ),
  r(
    "credential_access",
    /169\.254\.169\.254|metadata\.google\.internal|\/run\/secrets\/|serviceaccount\/token|\.azure\/|\.oci\/|msal_token_cache|accessTokens\.json|Login Data|Cookies(?:\.binarycookies)?\b|\.mozilla\/firefox|places\.sqlite|\bBookmarks\b|Library\/Keychains|\.gnupg\b|\bhistory\s*\|\s*|~\/\.(?:\w+_)?history\b/g,
    "high",
    0.75,
  ),
  r(
    "credential_access",
    /\b(?:psexec|smbexec|wmiexec|secretsdump|GetUserSPNs|GetNPUsers|ldapdomaindump|bloodhound-python|kerbrute)(?:\.py)?\b/g,
    "high",
    0.85,
  ),
  r(
    "collection",
    /\bscreencapture\b|\bxwd\s+-root\b|\bimport\s+-window\s+root\b|\b(?:pbpaste|pbcopy|xclip|xsel)\b|\btrap\s+['"][^'"]*\$BASH_COMMAND|keylog/gi,
    "medium",
    0.7,
  ),
  r(
    "collection",
    /\b(?:gpg|\$\w*gpg)\b[^\n]{0,256}(?:--passphrase|-c\s)|\bopenssl\s+(?:enc|rsautl|pkeyutl)\b[^\n]{0,256}-(?:e\b|encrypt|aes|pass)|\b(?:7z|\$\w*7z)\s+a\s+-p|\bzip\b[^\n]{0,256}\s-(?:P|e)\s|\bopenssl\s+genrsa\b/g,
    "medium",
    0.65,
  ),
  r(
    "collection",
    /\b(?:tar|zip|ditto|gzip)\b[^\n]{0,256}(?:\/etc\/|\$HOME|~\/|\/Users\/|\/home\/|\/var\/log|Keychains)|\b(?:gzip|bz2|zipfile|tarfile)\b[^\n]{0,256}\/etc\/passwd/g,
    "medium",
    0.6,
  ),
  r(
    "exfiltration",
    /\b(?:scp|rsync|sftp)\b[^\n]{0,256}\b[\w.-]+@[\w.-]+:|\bssh\s+(?:-\w+\s+){0,8}-[RDL]\s*\d|\b(?:cloudflared|ngrok|devtunnel)\b|\bcode\s+tunnel\b|\bnscurl\b/g,
    "medium",
    0.65,
  ),
  r(
    "exfiltration",
    /\bbase64\b[^\n]{0,256}\n[^\n]{0,256}\bcurl\b|\bcurl\b[^\n]{0,256}-(?:A|-user-agent)\s|\bwget\b[^\n]{0,256}--post-data|\bcurl\b[^\n]{0,256}(?:-X\s*POST|--data)\b[^\n]{0,256}(?:loot|\$\(|`)/g,
    "medium",
    0.65,
  ),
  r(
    "obfuscation",
    /\b(?:base64\s+(?:-d|--decode|-D)|b64decode|xxd\s+-r|decode_base64|b64decode\(|base64\.b64decode)\b/g,
    "medium",
    0.6,
  ),
  r(
    "obfuscation",
    /\bkubectl\b[^\n]{0,256}(?:exec\b[^\n]{0,256}--\s*(?:cat|sh|bash)|run\b[^\n]{0,256}--rm\s+-i\b)/g,
    "medium",
    0.65,
  ),
  // Reconnaissance: several discovery commands chained, or discovery output saved to a file.
  r(
    "recon",
    /(?:^|[;&|]\s*|(?<![\n;&|]\s*?)\n\s*)(?:sudo\s+)?(?:uname|whoami|id|hostname|env|ps|netstat|arp|lsmod|users|w|who|last|lastlog|ifconfig|ip\s+(?:a|addr|route|neigh)|groups|sysctl|system_profiler|ioreg|kextstat|kldstat|smbstatus|showmount|sockstat|df|mount)\b[^\n]{0,256}(?:>>?\s*\/tmp\/|\|\s*grep\s+-[a-zA-Z]*\s*["']?[^\n]{0,256}(?:vbox|vmw|xen|virtual|qemu|hyperv|falcon|osquery|wazuh|beat|sysmon))/gm,
    "medium",
    0.6,
  ),
  r(
    "recon",
    /(?:^|(?<!(?:^|\n)\s*?)\n)\s*(?:uname|whoami|id|hostname|env|ps|netstat|users|w|who|groups|date)\b[^\n]{0,256}\n\s*(?:uname|whoami|id|hostname|env|ps|netstat|users|w|who|groups)\b/g,
    "low",
    0.55,
  ),
  r(
    "recon",
    /\bpgrep\b[^\n]{0,256}(?:agent|beat|osquery|falcon|wazuh|cb|sysmon)|Virtualization Environment|hw\.(?:model|hv_vendor)|\bfind\s+\/\S{0,256}\s[^\n]{0,256}-(?:path|name)\s+["']?\*?[^\n]{0,256}(?:token|secret|credential|\.pem|\.key|id_rsa|password)/gi,
    "medium",
    0.6,
  ),
  // Execution from temp, masquerading, process injection
  r(
    "suspicious_exec",
    /(?:^|[;&|]\s*|(?<![;&|\n]\s*?)\n\s*|&&\s*)(?:sudo\s+)?(?:\.\/|\/tmp\/|\/dev\/shm\/|\/var\/tmp\/)[\w.-]+(?:\s|$)/gm,
    "medium",
    0.6,
  ),
  r(
    "suspicious_exec",
    /\bchmod\s+(?:\+x|[0-7]?7[0-7][0-7])\s+(?:\/tmp|\/dev\/shm|\/var\/tmp)\//g,
    "medium",
    0.7,
  ),
  r(
    "suspicious_exec",
    /\bcp\s+(?:\/bin\/|\$\(which\s+)\w+\S{0,256}\s+(?:\/tmp|\$HOME|~)\/\S{0,256}/g,
    "medium",
    0.65,
  ),
  r(
    "suspicious_exec",
    /\b(?:osascript\s+-e|python\d?(?:\.\d+)?\s+-c|perl\s+-e|ruby\s+-e|php\s+-r)\b[^\n]{0,256}(?:do shell script|import\s+(?:os|socket|subprocess|pty|requests|urllib)|system\(|exec\(|`|socket)/g,
    "high",
    0.75,
  ),
  r("suspicious_exec", /\b(?:xattr\s+-c|codesign\s+--remove-signature|spctl\s+--add)\b/g, "medium", 0.6),
];
