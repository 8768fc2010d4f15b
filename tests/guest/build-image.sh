#!/usr/bin/env bash
# Builds the test guest of ferry's integration tests (tests/it/support/guest.rs): a Debian 12
# (bookworm) system from Debian packages only, booted with systemd as PID 1 on the unified cgroup
# hierarchy, with the rootless test user's manager (user@UID.service) started at boot with the
# cgroup controllers delegated, and an agent that runs the host's jobs.
#
#   build-image.sh           build the guest unless the cache has it; prints its directory
#   build-image.sh --path    print the directory this version of the guest is cached in
#
# The directory, $FERRY_GUEST_CACHE (default /var/cache/ferry-test-guest) /bookworm-<key>, holds
# vmlinuz, initrd.img, rootfs.img (ext4, booted read-only through a qemu snapshot) and `complete`.
# <key> hashes every file in tests/guest/, so a changed script or agent builds a new guest.
# Packages come from the Debian mirror apt is configured with ($FERRY_GUEST_MIRROR overrides it),
# downloaded .debs are kept in the cache's debs/ for the next build. Needs root, debootstrap and
# e2fsprogs (mkfs.ext4 -d: no loop devices or mounts).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
cache_root=${FERRY_GUEST_CACHE:-/var/cache/ferry-test-guest}
key=$(cd "$here" && find . -maxdepth 1 -type f -print0 | LC_ALL=C sort -z | xargs -0 cat | sha256sum | cut -c1-16)
out=$cache_root/bookworm-$key

case ${1:-} in
--path)
    echo "$out"
    exit 0
    ;;
"") ;;
*)
    echo "usage: $0 [--path]" >&2
    exit 2
    ;;
esac

if [ -e "$out/complete" ]; then
    echo "$out"
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "building the test guest needs root (debootstrap)" >&2
    exit 1
fi
for tool in debootstrap mkfs.ext4 chroot flock; do
    command -v "$tool" >/dev/null || {
        echo "building the test guest needs $tool (apt-get install debootstrap e2fsprogs)" >&2
        exit 1
    }
done

mkdir -p "$cache_root/debs"
# One build at a time per cache; a second caller waits and then finds the result.
exec 9>"$cache_root/.lock"
flock 9
if [ -e "$out/complete" ]; then
    echo "$out"
    exit 0
fi

# The mirror apt uses for bookworm (not bookworm-security or -updates).
mirror=${FERRY_GUEST_MIRROR:-$(apt-get indextargets --format '$(RELEASE) $(REPO_URI)' 'Created-By: Packages' |
    awk '$1 == "bookworm" { print $2; exit }')}
if [ -z "$mirror" ]; then
    echo "no bookworm Debian mirror in apt's sources (run apt-get update, or set FERRY_GUEST_MIRROR)" >&2
    exit 1
fi

work=$(mktemp -d "$cache_root/build.XXXXXX")
trap 'rm -rf "$work"' EXIT
root=$work/root
mkdir "$root"
started=$SECONDS
log() { echo "build-image: $* ($((SECONDS - started)) s)" >&2; }

# The initramfs only needs to find the root disk: listing its modules keeps it small and the boot
# fast. Written before debootstrap so the kernel's first initramfs is already this one (neither
# path belongs to a package).
mkdir -p "$root/etc/initramfs-tools/conf.d" "$root/usr/share/initramfs-tools/modules.d"
echo MODULES=list >"$root/etc/initramfs-tools/conf.d/ferry-guest"
printf '%s\n' virtio_pci virtio_blk ext4 >"$root/usr/share/initramfs-tools/modules.d/ferry-guest"

# systemd, udev (/dev/virtio-ports/*), dbus and dbus-user-session (the system and user buses:
# systemctl --user, systemd-run --user), libpam-systemd (login sessions), systemd-container
# (machinectl, systemd-run -M user@), the kernel, and what ferry uses: uidmap (newuidmap),
# busybox-static (fixture images), passt and slirp4netns (rootless networking), iproute2,
# nftables and curl (networks, published ports).
packages=systemd,systemd-sysv,udev,dbus,dbus-user-session,libpam-systemd,systemd-container,kmod,procps
packages=$packages,linux-image-amd64,uidmap,busybox-static,passt,slirp4netns,iproute2,nftables,curl
log "debootstrap bookworm from $mirror"
nice -n 10 debootstrap --variant=minbase --cache-dir="$cache_root/debs" --include="$packages" \
    bookworm "$root" "$mirror" >"$work/debootstrap.log" 2>&1 || {
    tail -n 30 "$work/debootstrap.log" >&2
    echo "debootstrap failed (log above)" >&2
    exit 1
}
log "debootstrap done"

in_root() { chroot "$root" "$@"; }

echo ferry-guest >"$root/etc/hostname"
printf '127.0.0.1 localhost\n127.0.1.1 ferry-guest\n::1 localhost\n' >"$root/etc/hosts"
# The root file system is mounted read-write by the initramfs (root=/dev/vda rw); fstab only
# has the host's shares: /share (jobs, their output and fixture archives; uncached, so each side
# sees the other's writes at once) and /opt/ferry (the binary under test, read-only and cached,
# so that every run of it does not read it again over 9p).
cat >"$root/etc/fstab" <<'EOF'
ferry-share /share 9p trans=virtio,version=9p2000.L,msize=524288,nofail 0 0
ferry-bin /opt/ferry 9p trans=virtio,version=9p2000.L,msize=524288,cache=loose,ro,nofail 0 0
EOF
mkdir -p "$root/share" "$root/opt/ferry"

# qemu's user network (restricted: nothing leaves it); the agent configures eth0 from this file,
# much faster under TCG than systemd-networkd would. No resolver: there is nothing to look up.
mkdir -p "$root/usr/local/lib/ferry-guest"
cat >"$root/usr/local/lib/ferry-guest/network" <<'EOF'
link set eth0 up
addr add 10.0.2.15/24 dev eth0
route add default via 10.0.2.2
EOF

# Boot straight to the agent: nothing periodic, no logins on the console, no services this
# machine does not need (each costs seconds under TCG), the journal in memory.
in_root systemctl mask --quiet apt-daily.timer apt-daily-upgrade.timer dpkg-db-backup.timer e2scrub_all.timer \
    fstrim.timer e2scrub_reap.service getty@tty1.service serial-getty@ttyS0.service systemd-remount-fs.service \
    systemd-sysusers.service systemd-update-utmp.service systemd-journal-flush.service systemd-pstore.service \
    systemd-network-generator.service modprobe@loop.service modprobe@dm_mod.service modprobe@efi_pstore.service \
    modprobe@drm.service sys-kernel-debug.mount sys-kernel-tracing.mount dev-hugepages.mount
mkdir -p "$root/etc/systemd/journald.conf.d"
printf '[Journal]\nStorage=volatile\n' >"$root/etc/systemd/journald.conf.d/volatile.conf"

# The rootless test user, with the subordinate ids the host's tests use, and the "containers"
# ranges root's --userns=auto takes, as .ci/run sets up the host.
in_root useradd --create-home --uid 1000 --shell /bin/bash ferrytest
printf 'ferrytest:200000:65536\ncontainers:1000000:1000000\n' >"$root/etc/subuid"
cp "$root/etc/subuid" "$root/etc/subgid"
# Lingering: logind starts user@1000.service at boot, as `loginctl enable-linger ferrytest`.
mkdir -p "$root/var/lib/systemd/linger"
touch "$root/var/lib/systemd/linger/ferrytest"
# The controllers a desktop delegates to the user's manager (systemd's default is pids memory cpu).
mkdir -p "$root/etc/systemd/system/user@.service.d"
cat >"$root/etc/systemd/system/user@.service.d/delegate.conf" <<'EOF'
[Service]
Delegate=cpu cpuset io memory pids
EOF

# The agents.
install -D -m 0755 "$here/agent.sh" "$root/usr/local/lib/ferry-guest/agent"
install -D -m 0755 "$here/user-agent.sh" "$root/usr/local/lib/ferry-guest/user-agent"
# The binary under test, as the host shares it.
ln -s /opt/ferry/ferry "$root/usr/local/bin/ferry"
cat >"$root/etc/systemd/system/ferry-agent.service" <<'EOF'
[Unit]
Description=ferry test agent
Wants=user@1000.service
After=user@1000.service
RequiresMountsFor=/share /opt/ferry

[Service]
Environment=HOME=/root LANG=C.UTF-8
ExecStart=/usr/local/lib/ferry-guest/agent
StandardOutput=journal+console
StandardError=journal+console

[Install]
WantedBy=multi-user.target
EOF
in_root systemctl enable --quiet ferry-agent.service
cat >"$root/etc/systemd/user/ferry-user-agent.service" <<'EOF'
[Unit]
Description=ferry test agent of the rootless user

[Service]
Environment=LANG=C.UTF-8
ExecStart=/usr/local/lib/ferry-guest/user-agent

[Install]
WantedBy=default.target
EOF
in_root systemctl --global enable --quiet ferry-user-agent.service

# Smaller: no documentation, package lists or hardware drivers a virtual machine lacks.
rm -rf "$root"/usr/share/{doc,man,info,locale}/* "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin
kver=$(basename "$(ls -d "$root"/usr/lib/modules/*)")
for d in drivers/gpu drivers/media drivers/net/wireless drivers/net/ethernet drivers/net/can drivers/net/usb \
    drivers/infiniband drivers/staging drivers/bluetooth drivers/usb drivers/hid drivers/iio drivers/isdn \
    drivers/mtd drivers/video drivers/input drivers/hwmon drivers/scsi drivers/ata drivers/md drivers/nvme \
    sound net/bluetooth net/wireless net/mac80211 net/nfc; do
    rm -rf "$root/usr/lib/modules/$kver/kernel/$d"
done
in_root depmod "$kver"
log "configured"

mkdir -p "$work/out"
cp "$root/boot/vmlinuz-$kver" "$work/out/vmlinuz"
cp "$root/boot/initrd.img-$kver" "$work/out/initrd.img"
# Room for the tests' images and containers on top of the system.
size_mib=$(($(du -sm "$root" | cut -f1) + 3072))
mkfs.ext4 -q -L ferry-guest -d "$root" "$work/out/rootfs.img" "${size_mib}M" >/dev/null
echo "$kver" >"$work/out/kernel-version"
log "image written ($(du -sh --apparent-size "$work/out/rootfs.img" | cut -f1) apparent, $(du -sh "$work/out/rootfs.img" | cut -f1) used)"

rm -rf "$out"
mv "$work/out" "$out"
touch "$out/complete"
log "guest ready in $out"
echo "$out"
