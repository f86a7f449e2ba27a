// Data: part of the base rule table of the `command_unsafe` detector (`rules.ts` joins the parts).
import type { DocumentedRule } from "../rule-set.js";
import { commandRule as r } from "./command-rule.js";

/** Base `command_unsafe` rules: system tampering, sensitive reads and collection. */
export const BASE_TAMPERING_RULES: readonly DocumentedRule[] = [
  // System tampering, sensitive reads, collection (medium confidence: attacker tradecraft, rare in docs)
  r(
    "tampering",
    /\bsed\s+-i\b[^\n]{0,256}\/etc\/(?:sudoers|pam\.d|ssh|systemd|audit|audisp|syslog|rsyslog|security|ufw|hosts)|(?:>>?|tee\s+(?:-a\s+)?)\s*\/(?:usr\/local\/)?etc\/(?!hosts\b)\S+|(?:\bvim?|\bee|\bnano)\s+\/(?:usr\/local\/)?etc\/sudoers/g,
    "high",
    0.75,
    {
      id: "command_unsafe.tampering_etc_sudoers",
      meaning: "Tampers with system configuration or security settings: `vim /etc/sudoers` and the like.",
      matches: ["sudo vim /etc/sudoers"],
      ignores: ["sudo visudo -c"],
    },
  ),
  r(
    "tampering",
    /(?:>|tee)\s*\/proc\/(?:sys\/|sysrq-trigger)|\bsysctl\s+-w\s+kernel\.(?:randomize_va_space|yama|kptr)|\b(?:shutdown|reboot|halt|poweroff)\b(?:\s+-[a-zA-Z]+|\s+now|\s+--\w+|\s*$)/gm,
    "high",
    0.7,
    {
      id: "command_unsafe.tampering_proc_sys",
      meaning: "Tampers with system configuration or security settings: `reboot` and the like.",
      matches: ["adb reboot"],
      ignores: ["SHUTDOWN now"],
    },
  ),
  r(
    "tampering",
    /\blaunchctl\s+unload\b|\btmutil\s+disable\b|\bmdatp\b[^\n]{0,256}disabled|\b(?:killall|pkill|systemctl\s+stop|service\s+\S+\s+stop)\b[^\n]{0,256}\b(?:cron|syslog|rsyslog|auditd|pf|firewalld|falcon|osquery)\b|\bservice\s+pf\s+(?:stop|disable)|\bpfctl\b|\bufw\s+(?:prepend|insert|delete|deny)|\biptables\s+-[DIA]\b/g,
    "high",
    0.7,
    {
      id: "command_unsafe.tampering_launchctl_unload",
      meaning: "Tampers with system configuration or security settings: `service pf stop` and the like.",
      matches: ["service pf stop"],
      ignores: ["launchctl list"],
    },
  ),
  r(
    "tampering",
    /\blog\s+erase\b|(?:^|[;&\s])(?:echo\s+['"]*\s*|:\s*|echo\s+\d+)>\s*\/var\/(?:log|spool\/mail)\/|\bsrm\b[^\n]{0,256}\/var\/log|\bdd\b[^\n]{0,256}of=\/var\/log\//gm,
    "high",
    0.8,
    {
      id: "command_unsafe.tampering_erase_log",
      meaning: "Tampers with system configuration or security settings: `log erase` and the like.",
      matches: ["sudo log erase --all"],
      ignores: ["log show --last 1h"],
    },
  ),
  r("tampering", /\bchmod\s+(?:-R\s+)?[ao]?\+w\b|\bchown\s+(?:-R\s+)?root(?::root)?\s/g, "medium", 0.6, {
    id: "command_unsafe.tampering_chmod",
    meaning: "Tampers with system configuration or security settings: `chown root` and the like.",
    matches: ["sudo chown root /tmp/hello"],
    ignores: ["chmod {{[-R|--recursive]}} g+w,o+w {{path/to/directory}}"],
  }),
  r(
    "tampering",
    /\b(?:dscl\s+\.\s+-(?:create|delete|append)\s+\/(?:Users|Groups)|sysadminctl\s+-(?:deleteUser|addUser)|(?:pw\s+)?useradd\b|adduser\b|ldapadd\b|changetype:\s*add)/g,
    "medium",
    0.6,
    {
      id: "command_unsafe.tampering_create_users",
      meaning: "Tampers with system configuration or security settings: `adduser` and the like.",
      matches: ["adduser {{username}}"],
      ignores: ["dscl . -read /Users/jane"],
    },
  ),
  r(
    "tampering",
    /\b(?:DYLD_INSERT_LIBRARIES|LD_AUDIT)=|\b(?:sitecustomize|usercustomize)\.py\b|\/etc\/emond\.d\/|com\.apple\.loginwindow|LoginHook|\/usr\/local\/etc\/rc\.d\/|\.shrc\b|\bdefaults\s+write\b[^\n]{0,256}(?:AppleShowAllFiles|LoginHook|alf|quarantine)|\bsetfile\s+-a\s+V\b|IsHidden\s+1/gi,
    "medium",
    0.65,
    {
      id: "command_unsafe.tampering_dyld_insert",
      meaning: "Tampers with system configuration or security settings: `setfile -a V` and the like.",
      matches: ["setfile -a V /tmp/evil"],
      ignores: ["f.write(r.data)"],
    },
  ),
  r(
    "credential_access",
    /\/etc\/(?:passwd|sudoers|pam\.d\/\S+|security\/\S+)\b|\bsudo\s+-l\b|\bfind\s+\S+\s+[^\n]{0,256}-perm\s+-?[24]000/g,
    "medium",
    0.6,
    {
      id: "command_unsafe.credential_access_passwd_etc",
      meaning: "Reads or dumps credentials: `/etc/passwd` and the like.",
      matches: ["testcat /etc/passwd"],
      ignores: ["sudo cat /etc/master.passwd > /tmp/T1003.008.txt"],
    },
  ),
  r(
    "credential_access",
    /169\.254\.169\.254|metadata\.google\.internal|\/run\/secrets\/|serviceaccount\/token|\.azure\/|\.oci\/|msal_token_cache|accessTokens\.json|Login Data|Cookies(?:\.binarycookies)?\b|\.mozilla\/firefox|places\.sqlite|\bBookmarks\b|Library\/Keychains|\.gnupg\b|\bhistory\s*\|\s*|~\/\.(?:\w+_)?history\b/g,
    "high",
    0.75,
    {
      id: "command_unsafe.credential_access_169_254",
      meaning: "Reads or dumps credentials: `~/.bash_history` and the like.",
      matches: ["rm ~/.bash_history"],
      ignores: ["set +o history"],
    },
  ),
  r(
    "credential_access",
    /\b(?:psexec|smbexec|wmiexec|secretsdump|GetUserSPNs|GetNPUsers|ldapdomaindump|bloodhound-python|kerbrute)(?:\.py)?\b/g,
    "high",
    0.85,
    {
      id: "command_unsafe.credential_access_psexec_py",
      meaning: "Reads or dumps credentials: `psexec.py` and the like.",
      matches: ["tldr psexec.py"],
      ignores: ["ls -la /tmp"],
    },
  ),
  r(
    "collection",
    /\bscreencapture\b|\bxwd\s+-root\b|\bimport\s+-window\s+root\b|\b(?:pbpaste|pbcopy|xclip|xsel)\b|\btrap\s+['"][^'"]*\$BASH_COMMAND|keylog/gi,
    "medium",
    0.7,
    {
      id: "command_unsafe.collection_screencapture",
      meaning: "Collects user data (input, screen, clipboard, archives): `pbpaste` and the like.",
      matches: ["$(pbpaste)"],
      ignores: ["screen -ls"],
    },
  ),
  r(
    "collection",
    /\b(?:gpg|\$\w*gpg)\b[^\n]{0,256}(?:--passphrase|-c\s)|\bopenssl\s+(?:enc|rsautl|pkeyutl)\b[^\n]{0,256}-(?:e\b|encrypt|aes|pass)|\b(?:7z|\$\w*7z)\s+a\s+-p|\bzip\b[^\n]{0,256}\s-(?:P|e)\s|\bopenssl\s+genrsa\b/g,
    "medium",
    0.65,
    {
      id: "command_unsafe.collection_gpg_passphrase",
      meaning: "Collects user data (input, screen, clipboard, archives): `openssl genrsa` and the like.",
      matches: ["openssl genrsa"],
      ignores: ["gpg --list-keys"],
    },
  ),
  r(
    "collection",
    /\b(?:tar|zip|ditto|gzip)\b[^\n]{0,256}(?:\/etc\/|\$HOME|~\/|\/Users\/|\/home\/|\/var\/log|Keychains)|\b(?:gzip|bz2|zipfile|tarfile)\b[^\n]{0,256}\/etc\/passwd/g,
    "medium",
    0.6,
    {
      id: "command_unsafe.collection_tar_etc",
      meaning: "Collects user data (input, screen, clipboard, archives): `tar c /etc/` and the like.",
      matches: ["tar c /etc/x"],
      ignores: ["startar /etc/"],
    },
  ),
  r(
    "exfiltration",
    /\b(?:scp|rsync|sftp)\b[^\n]{0,256}\b[\w.-]+@[\w.-]+:|\bssh\s+(?:-\w+\s+){0,8}-[RDL]\s*\d|\b(?:cloudflared|ngrok|devtunnel)\b|\bcode\s+tunnel\b|\bnscurl\b/g,
    "medium",
    0.65,
    {
      id: "command_unsafe.exfiltration_scp",
      meaning: "Sends files or data off the host: `ngrok` and the like.",
      matches: ["ngrok http {{80}}"],
      ignores: ["lscpu {{[-J|--json]}}"],
    },
  ),
  r(
    "exfiltration",
    /\bbase64\b[^\n]{0,256}\n[^\n]{0,256}\bcurl\b|\bcurl\b[^\n]{0,256}-(?:A|-user-agent)\s|\bwget\b[^\n]{0,256}--post-data|\bcurl\b[^\n]{0,256}(?:-X\s*POST|--data)\b[^\n]{0,256}(?:loot|\$\(|`)/g,
    "medium",
    0.65,
    {
      id: "command_unsafe.exfiltration_base64_curl",
      meaning: "Sends files or data off the host: `curl -s -A` and the like.",
      matches: ['curl -s -A "*<|>*" -m3 www.google.com'],
      ignores: [
        'curl -XPOST http://localhost:8080/api/token -H "Authorization: basic {base64(email:password[\\n])}" => token',
      ],
    },
  ),
  r(
    "obfuscation",
    /\b(?:base64\s+(?:-d|--decode|-D)|b64decode|xxd\s+-r|decode_base64|b64decode\(|base64\.b64decode)\b/g,
    "medium",
    0.6,
    {
      id: "command_unsafe.obfuscation_base64",
      meaning: "Runs obfuscated or encoded commands: `base64 -d` and the like.",
      matches: ["echo $ENCODED | base64 -d"],
      ignores: ["{{command}} | base64 {{[-d|--decode]}}"],
    },
  ),
  r(
    "obfuscation",
    /\bkubectl\b[^\n]{0,256}(?:exec\b[^\n]{0,256}--\s*(?:cat|sh|bash)|run\b[^\n]{0,256}--rm\s+-i\b)/g,
    "medium",
    0.65,
    {
      id: "command_unsafe.obfuscation_exec_cat",
      meaning:
        "Runs obfuscated or encoded commands: `kubectl exec {{pod_name}} {{[-it|--stdin --tt…` and the like.",
      matches: ["kubectl exec {{pod_name}} {{[-it|--stdin --tty]}} -- bash"],
      ignores: ["kubectl get pods"],
    },
  ),
];
