import type { Detector, DetectorMatch } from "../types.js";
import { compileRuleSet, NO_MATCHES, type PatternRule } from "./rule-set.js";

const r = (
  kind: string,
  re: RegExp,
  confidence: number,
  severity: PatternRule["severity"] = "high",
): PatternRule => ({
  kind: `malicious_code.${kind}`,
  re,
  severity,
  confidence,
});

/** Code (Python, JS, PowerShell, shell inside code) whose purpose is harmful. */
export const MALICIOUS_CODE_RULES: readonly PatternRule[] = [
  r(
    "destructive",
    /\b(?:os\.system|subprocess\.(?:run|call|Popen|check_output)|child_process\.exec(?:Sync)?|exec(?:Sync)?|system|popen)\s*\(\s*[^)]{0,256}rm\s+-[a-zA-Z]*r[a-zA-Z]*f?\s+\/(?:\s|['"*])/g,
    0.95,
    "critical",
  ),
  r(
    "destructive",
    /\bshutil\.rmtree\s*\(\s*['"](?:\/|~|C:\\\\?)['"]|\bfs\.(?:rmSync|rmdirSync)\s*\(\s*['"]\/['"]|\bwhile\s+(?:True|1)\s*:\s*os\.fork\(\)|\bformat\s+c:/gi,
    0.9,
    "critical",
  ),
  r(
    "download_exec",
    /\b(?:Invoke-WebRequest|iwr|Invoke-RestMethod|irm|DownloadString|DownloadFile)\b[^\n]{0,256}(?:\|\s*(?:IEX|Invoke-Expression)|;\s*(?:IEX|Invoke-Expression|Start-Process))|\b(?:IEX|Invoke-Expression)\s*\(?\s*\(?\s*New-Object\s+(?:System\.)?Net\.WebClient/gi,
    0.95,
    "critical",
  ),
  r("download_exec", /New-Object\s+(?:System\.)?Net\.WebClient/gi, 0.75),
  r("download_exec", /\b(?:curl|wget)\b[^\n'"]{0,256}\|\s*(?:sudo\s+)?(?:ba|z)?sh\b/g, 0.9, "critical"),
  r(
    "download_exec",
    /\b(?:urllib\.request\.urlopen|requests\.get|urlopen)\s*\([^)]{0,256}\)[^\n]{0,80}(?:\bexec\s*\(|\beval\s*\(|os\.system|subprocess)/g,
    0.85,
  ),
  r(
    "obfuscated_exec",
    /\b(?:exec|eval)\s*\(\s*(?:base64\.b64decode|codecs\.decode|zlib\.decompress|marshal\.loads|bytes\.fromhex|__import__\(\s*['"](?:base64|zlib|marshal)['"]\))|\beval\s*\(\s*(?:atob|unescape|String\.fromCharCode|Buffer\.from\([^)]{0,256}base64)/g,
    0.9,
  ),
  r(
    "obfuscated_exec",
    /\b__import__\s*\(\s*['"](?:os|subprocess|pty|socket)['"]\s*\)\s*\.\s*(?:system|popen|spawn|call|Popen|run)\s*\(/g,
    0.85,
  ),
  r(
    "reverse_shell",
    /\bsocket\.socket\s*\([^)]{0,256}\)[\s\S]{0,200}?\.connect\s*\([\s\S]{0,200}?(?:os\.dup2|subprocess\.(?:call|Popen)|pty\.spawn)/g,
    0.95,
    "critical",
  ),
  r(
    "reverse_shell",
    /\bnet\.(?:Socket|connect)\b[\s\S]{0,200}?child_process[\s\S]{0,100}?(?:\/bin\/(?:ba)?sh|cmd\.exe)|\brequire\(\s*['"]child_process['"]\s*\)[\s\S]{0,200}?\.spawn\(\s*['"]\/bin\/(?:ba)?sh/g,
    0.9,
    "critical",
  ),
  r(
    "reverse_shell",
    /\/dev\/tcp\/\S+\/\d+|\bnc\s+-e\s+\/bin\/(?:ba)?sh|TCPClient\s*\(\s*['"][^'"]+['"]\s*,\s*\d+\s*\)/g,
    0.9,
    "critical",
  ),
  r(
    "keylogger",
    /\bpynput\.keyboard\b|\bkeyboard\.(?:on_press|hook|Listener)\b|\bGetAsyncKeyState\b|\bSetWindowsHookEx[AW]?\b[^\n]{0,256}WH_KEYBOARD|\bkeylog/gi,
    0.85,
  ),
  r(
    "credential_theft",
    /(?:Login Data|Cookies|Local State|logins\.json|key[34]\.db|\.ssh\/id_rsa|\/etc\/shadow|\.aws\/credentials|wallet\.dat)\b[\s\S]{0,300}?\b(?:requests\.post|urllib|fetch|XMLHttpRequest|sendall|send\(|upload|smtp)/gi,
    0.85,
    "critical",
  ),
  r(
    "credential_theft",
    /\bCryptUnprotectData\b|\bwin32crypt\b|\bsqlite3\.connect\([^)]{0,256}(?:Login Data|Cookies)/g,
    0.85,
  ),
  r(
    "credential_theft",
    /document\.cookie[\s\S]{0,120}?(?:fetch|XMLHttpRequest|\.src\s*=|navigator\.sendBeacon|location\s*=)|(?:fetch|\.src\s*=|sendBeacon)[\s\S]{0,120}?document\.cookie/g,
    0.85,
  ),
  r(
    "exfiltration",
    /\bopen\s*\([^)]{0,256}\)\s*(?:as\s+\w+\s*:)?[\s\S]{0,120}?requests\.post\s*\(\s*['"]https?:\/\/(?!localhost|127\.0\.0\.1)/g,
    0.7,
    "medium",
  ),
  r(
    "exfiltration",
    /\b(?:getpass\.getuser|os\.environ|platform\.node|socket\.gethostname)\b[\s\S]{0,200}?\.(?:send|sendall|post)\s*\(/g,
    0.75,
    "medium",
  ),
  r(
    "ransomware",
    /\b(?:Fernet|AES\.new|Cipher\s*\()[\s\S]{0,400}?\bos\.walk\b[\s\S]{0,400}?\b(?:os\.remove|unlink|write)|\bos\.walk\b[\s\S]{0,400}?\b(?:Fernet|AES\.new|encrypt)\b[\s\S]{0,400}?(?:os\.remove|ransom|bitcoin|\.locked|\.encrypted)/g,
    0.85,
    "critical",
  ),
  r("cryptominer", /\bxmrig\b|\bstratum\+(?:tcp|ssl):\/\/|\bcoinhive\b|\bcryptonight\b|\bminerd\b/gi, 0.9),
  r(
    "shellcode",
    /\bVirtualAlloc(?:Ex)?\b[\s\S]{0,300}?\b(?:RtlMoveMemory|WriteProcessMemory|memmove|CreateThread|CreateRemoteThread)\b|\bctypes\.(?:windll|cdll)\.kernel32\.(?:VirtualAlloc|CreateRemoteThread)|(?:\\x[0-9a-fA-F]{2}){32,}/g,
    0.85,
    "critical",
  ),
  r(
    "persistence",
    /\\CurrentVersion\\Run\b|\bschtasks\s+\/create\b|\bcrontab\b[\s\S]{0,80}?(?:@reboot|\*\s+\*\s+\*)|HKLM\\SYSTEM\\CurrentControlSet\\Services/gi,
    0.7,
    "medium",
  ),
  r(
    "dos",
    /\bwhile\s*\(?\s*(?:true|True|1)\s*\)?\s*[:{][\s\S]{0,120}?(?:requests\.(?:get|post)|fetch\(|socket\.sendto|os\.fork|fork\(\)|new\s+Worker)/g,
    0.7,
    "medium",
  ),
  r(
    "network_block",
    /\b(?:iptables\s+-A\s+OUTPUT[^\n]{0,256}-j\s+DROP|netsh\s+advfirewall[^\n]{0,256}block|route\s+delete\s+0\.0\.0\.0|ifconfig\s+\S+\s+down|ip\s+link\s+set\s+\S+\s+down)\b/gi,
    0.75,
    "medium",
  ),
  r(
    "screen_capture",
    /\b(?:ImageGrab\.grab|pyautogui\.screenshot|mss\(\)\.shot|screencapture)\b[\s\S]{0,200}?(?:requests\.post|send|upload|smtp)/g,
    0.75,
    "medium",
  ),
];

const RULES = compileRuleSet(MALICIOUS_CODE_RULES);

/**
 * Malicious code in generated or retrieved code: destructive calls, download-and-execute,
 * obfuscated exec/eval, reverse shells, keyloggers, credential and cookie theft, ransomware,
 * cryptominers, shellcode loaders, persistence and denial of service.
 */
export const maliciousCodeDetector: Detector = {
  id: "malicious_code",
  version: "1.0.0",
  code: "agent_malicious_code",
  defaultSeverity: "high",
  catches:
    "`os.system/subprocess/exec` with `rm -rf /`, `shutil.rmtree('/')`, fork bombs; PowerShell `IWR … | IEX`, `New-Object Net.WebClient`, curl|sh; `exec/eval` of base64/zlib/marshal/hex or `atob`; `__import__('os').system(…)`; Python/Node/PowerShell reverse shells; keyloggers (pynput, GetAsyncKeyState, hooks); browser credential/cookie theft and exfiltration (`Login Data`, `document.cookie` → fetch); reading a file then POSTing it off-host; ransomware shape (encrypt while walking the tree, then delete); cryptominers (xmrig, stratum); shellcode loaders (VirtualAlloc + CreateThread, long `\\x..` strings); Run-key/schtasks/cron persistence; request floods; blocking the network.",
  misses:
    "Malicious logic that uses ordinary APIs without telltale combinations (a data-wiping loop over a user folder, a slow exfiltration through a legitimate API), compiled or packed payloads, languages other than Python/JS/PowerShell/shell, and code split across several strings. Insecure-but-not-malicious code (SQL built by string concatenation, weak hashes) is out of scope; see CodeShield for that.",
  detect(text: string): DetectorMatch[] {
    if (text.length < 8) return NO_MATCHES;
    return RULES.run(text);
  },
};
