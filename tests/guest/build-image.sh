#!/usr/bin/env bash
# Builds the test guest of ferry's integration tests (tests/it/support/guest.rs): a Debian 12
# (bookworm) system from Debian packages only, booted with systemd as PID 1 on the unified cgroup
# hierarchy, with the rootless test user's manager (user@UID.service) started at boot with the
# cgroup controllers delegated, and an agent that runs the host's jobs. It is made to boot fast
# under qemu's TCG emulation (the harness's fallback where /dev/kvm is not hardware
# virtualization): an initramfs of its own, no udev, no services a test machine does not need.
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

# The guest boots with an initramfs of its own (below); Debian's, which the kernel package makes
# anyway, is kept small and quick to make by listing its modules. Written before debootstrap so
# that the kernel's first initramfs is already this one (neither path belongs to a package).
mkdir -p "$root/etc/initramfs-tools/conf.d" "$root/usr/share/initramfs-tools/modules.d"
echo MODULES=list >"$root/etc/initramfs-tools/conf.d/ferry-guest"
printf '%s\n' virtio_pci virtio_blk ext4 >"$root/usr/share/initramfs-tools/modules.d/ferry-guest"

# systemd, dbus and dbus-user-session (the system and user buses: systemctl --user,
# systemd-run --user), libpam-systemd (login sessions), systemd-container (machinectl,
# systemd-run -M user@), the kernel, and what ferry uses: uidmap (newuidmap), busybox-static
# (fixture images, the initramfs), passt and slirp4netns (rootless networking), iproute2,
# nftables and curl (networks, published ports).
packages=systemd,systemd-sysv,dbus,dbus-user-session,libpam-systemd,systemd-container,kmod,procps
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
# The root file system is mounted read-write by the initramfs (/dev/vda); fstab only
# has the host's shares: /share (jobs, their output and fixture archives; uncached, so each side
# sees the other's writes at once) and /opt/ferry (the binary under test, read-only and cached,
# so that every run of it does not read it again over 9p).
cat >"$root/etc/fstab" <<'EOF'
ferry-share /share 9p trans=virtio,version=9p2000.L,msize=524288,nofail 0 0
ferry-bin /opt/ferry 9p trans=virtio,version=9p2000.L,msize=524288,cache=loose,ro,nofail 0 0
EOF
mkdir -p "$root/share" "$root/opt/ferry"
# Where the tests' contexts make their directories, as their users (not under /tmp or /var/tmp,
# which systemd-tmpfiles empties at boot or ages out).
install -d -m 1777 "$root/var/lib/ferry-it"

# qemu's user network (restricted: nothing leaves it); the agent configures eth0 from this file,
# much faster under TCG than systemd-networkd would. No resolver: there is nothing to look up.
mkdir -p "$root/usr/local/lib/ferry-guest"
cat >"$root/usr/local/lib/ferry-guest/network" <<'EOF'
link set eth0 up
addr add 10.0.2.15/24 dev eth0
route add default via 10.0.2.2
EOF

# Boot straight to the agent: nothing periodic, no logins on the console, no services this
# machine does not need (each costs seconds under TCG), the journal in memory. No udev (not
# installed): it would cost more than anything else at boot, and all it would do here is load the
# drivers of the virtual devices (listed below instead); devtmpfs makes the device nodes and
# systemd-tmpfiles gives /dev/net/tun, /dev/fuse and /dev/kvm the usual 0666.
in_root systemctl mask --quiet apt-daily.timer apt-daily-upgrade.timer dpkg-db-backup.timer e2scrub_all.timer \
    fstrim.timer e2scrub_reap.service getty@tty1.service serial-getty@ttyS0.service systemd-remount-fs.service \
    systemd-sysusers.service systemd-update-utmp.service systemd-update-utmp-runlevel.service \
    systemd-journal-flush.service systemd-pstore.service systemd-random-seed.service \
    systemd-network-generator.service modprobe@loop.service modprobe@dm_mod.service modprobe@efi_pstore.service \
    modprobe@drm.service modprobe@fuse.service modprobe@configfs.service sys-kernel-debug.mount \
    sys-kernel-tracing.mount sys-kernel-config.mount sys-fs-fuse-connections.mount dev-hugepages.mount
printf '%s\n' virtio_console virtio_net 9pnet_virtio 9p >"$root/etc/modules-load.d/ferry-guest.conf"
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

# The initramfs: busybox, the modules that reach the root disk, and an /init that mounts it and
# hands over to systemd. Debian's would run udev and its scripts first: seconds under TCG.
initramfs=$root/tmp/initramfs
mkdir -p "$initramfs"/{bin,dev,proc,newroot,modules}
cp "$root/bin/busybox" "$initramfs/bin/busybox"
# crc32c: ext4's metadata checksums (mkfs.ext4's default) need it, and no module loader runs yet.
in_root modprobe --set-version "$kver" --show-depends --all virtio_pci virtio_blk crc32c_generic ext4 |
    awk '$1 == "insmod" && !seen[$2]++ { print $2 }' | while read -r ko; do
    cp "$root$ko" "$initramfs/modules/"
    basename "$ko" >>"$initramfs/modules/order"
done
cat >"$initramfs/init" <<'EOF'
#!/bin/busybox sh
# ferry test guest: load the disk's drivers, mount the root file system, start systemd.
bb=/bin/busybox
$bb mount -t devtmpfs devtmpfs /dev
while read -r ko; do
    $bb insmod "/modules/$ko"
done </modules/order
n=0
while [ ! -b /dev/vda ] && [ $n -lt 300 ]; do
    $bb sleep 0.1
    n=$((n + 1))
done
if ! $bb mount -t ext4 -o rw /dev/vda /newroot; then
    echo "ferry guest initramfs: cannot mount /dev/vda" >/dev/console
    $bb poweroff -f
fi
$bb mount --move /dev /newroot/dev
exec $bb switch_root /newroot /sbin/init
EOF
chmod 0755 "$initramfs/init"
in_root sh -c 'cd /tmp/initramfs && find . | cpio -o -H newc --quiet' | gzip -1 >"$work/out/initrd.img"
rm -rf "$initramfs"
# Room for the tests' images and containers on top of the system.
size_mib=$(($(du -sm "$root" | cut -f1) + 3072))
mkfs.ext4 -q -L ferry-guest -d "$root" "$work/out/rootfs.img" "${size_mib}M" >/dev/null
echo "$kver" >"$work/out/kernel-version"
log "image written ($(du -sh --apparent-size "$work/out/rootfs.img" | cut -f1) apparent, $(du -sh "$work/out/rootfs.img" | cut -f1) used)"

rm -rf "$out"
mv "$work/out" "$out"
touch "$out/complete"
# Guests of other versions of tests/guest/ built more than a day ago (a guest that is running
# keeps its open files).
find "$cache_root" -mindepth 1 -maxdepth 1 -name 'bookworm-*' ! -name "bookworm-$key" -mmin +1440 \
    -exec rm -rf {} + || true
log "guest ready in $out"
echo "$out"
