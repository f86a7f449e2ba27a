import type { StringScan } from "../../string-scan.js";
import type { Detector, DetectorMatch } from "../../types.js";
import { compileRuleSet, NO_MATCHES } from "../rule-set.js";
import { MALICIOUS_CODE_RULES } from "./rules.js";

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
  detect(text: string, scan?: StringScan): DetectorMatch[] {
    if (text.length < 8) return NO_MATCHES;
    return RULES.run(text, scan);
  },
};
