// Unsafe-command accuracy: Atomic Red Team (positive) vs tldr examples (benign intent).
import { loadAtomicRedTeam, loadTldr } from "../../packages/evaluator/scripts/corpora.mjs";

// tldr pages whose documented purpose is destructive, privileged or offensive: flagging their
// examples is intended, so they are counted separately from the false-positive rate.
// Written down from the page names before measuring; never changed to improve a number.
export const BY_DESIGN = {
  destructive: [
    "rm",
    "srm",
    "shred",
    "wipe",
    "wipefs",
    "dd",
    "dcfldd",
    "ddrescue",
    "mke2fs",
    "mkswap",
    "fdisk",
    "sfdisk",
    "cfdisk",
    "gdisk",
    "sgdisk",
    "parted",
    "blkdiscard",
    "truncate",
    "badblocks",
    "secure-delete",
  ],
  privileged: [
    "sudo",
    "su",
    "visudo",
    "passwd",
    "chpasswd",
    "useradd",
    "usermod",
    "userdel",
    "adduser",
    "groupadd",
    "gpasswd",
    "setcap",
    "chattr",
    "insmod",
    "modprobe",
    "rmmod",
    "setenforce",
    "ufw",
    "iptables",
    "ip6tables",
    "nft",
    "auditctl",
    "crontab",
    "at",
  ],
  offensive: [
    "nc",
    "ncat",
    "netcat",
    "socat",
    "nmap",
    "masscan",
    "zmap",
    "hydra",
    "nikto",
    "sqlmap",
    "john",
    "hashcat",
    "tcpdump",
    "tshark",
    "dumpcap",
    "msfconsole",
    "msfvenom",
    "aircrack-ng",
    "responder",
    "netexec",
    "crackmapexec",
    "medusa",
    "ncrack",
    "gobuster",
    "ffuf",
    "wpscan",
    "tor",
    "proxychains",
    "rclone",
  ],
};
const byDesign = (page) =>
  Object.entries(BY_DESIGN).find(
    ([, pages]) => pages.includes(page) || pages.some((p) => page.startsWith(`${p}.`)),
  )?.[0] ?? (page.startsWith("mkfs") ? "destructive" : undefined);

// ATT&CK techniques of the Discovery tactic (TA0007). `command_unsafe` means "the command itself
// destroys, escalates, persists, evades, steals credentials, collects or exfiltrates, or runs
// untrusted code"; looking around (`uname -a`, `env`, `ps`, `ls`, `ip route`) is not unsafe by
// itself, so Atomic Red Team tests of these techniques are reported apart. Written from the
// ATT&CK tactic table, not from detector results.
export const DISCOVERY_TECHNIQUES =
  /^T(?:1007|1010|1012|1016|1018|1033|1046|1049|1057|1069|1082|1083|1087|1120|1124|1135|1201|1217|1518|1526|1580|1613|1614|1615|1619|1652|1654)\b/;

export function evaluateCommands(flagged, splits) {
  const art = loadAtomicRedTeam().filter((r) => splits.includes(r.split));
  const tldr = loadTldr().filter((r) => splits.includes(r.split));
  const res = {
    art: { n: art.length, hit: 0, bytes: 0 },
    artAttack: { n: 0, hit: 0 },
    artDiscovery: { n: 0, hit: 0 },
    tldr: { n: 0, hit: 0, bytes: 0 },
    byDesign: { n: 0, hit: 0 },
  };
  const misses = [];
  const fps = [];
  for (const r of art) {
    res.art.bytes += Buffer.byteLength(r.text);
    const hit = flagged(r.text);
    const group = DISCOVERY_TECHNIQUES.test(r.category) ? res.artDiscovery : res.artAttack;
    group.n++;
    if (hit) {
      res.art.hit++;
      group.hit++;
    } else misses.push(r);
  }
  for (const r of tldr) {
    const d = byDesign(r.page);
    const hit = flagged(r.text);
    if (d) {
      res.byDesign.n++;
      if (hit) res.byDesign.hit++;
      continue;
    }
    res.tldr.n++;
    res.tldr.bytes += Buffer.byteLength(r.text);
    if (hit) {
      res.tldr.hit++;
      fps.push(r);
    }
  }
  return { ...res, misses, fps };
}
