/** A shell binary as commands name it: `sh`, `bash`, `/usr/bin/zsh`, `sudo dash`, … */
export const SH = String.raw`(?:sudo\s+)?(?:\/(?:usr\/)?bin\/)?(?:ba|z|k|c|tc|da|fi)?sh\b`;
/** A block device path: `/dev/sda`, `/dev/nvme0`, `/dev/mapper/…`, `/dev/disk2`, … */
export const DEV = String.raw`\/dev\/(?:[sh]d[a-z]|nvme\d|xvd[a-z]|vd[a-z]|mmcblk\d|disk\d|mapper\/|md\d|sr\d)`;
