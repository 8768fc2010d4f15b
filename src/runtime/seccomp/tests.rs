//! Compiled filters run for real: each case forks, installs the filter in the child, makes syscalls and
//! reports the outcome through the exit status.

use oci_spec::runtime::{
    Arch, Capability, LinuxSeccomp, LinuxSeccompAction, LinuxSeccompArgBuilder, LinuxSeccompOperator, LinuxSyscall,
};

use super::bpf::{self, Abi, SockFilter};
use super::default::{default_linux_seccomp, podman_default_caps};
use super::*;
use crate::runtime::security::install_filter;

#[derive(Debug, PartialEq, Eq)]
enum Outcome {
    /// The child's exit code: 0 for success, else the errno of the last syscall.
    Exit(i32),
    Signal(i32),
}

/// Runs `f` in a forked child under `program` (with no_new_privs, so no privilege is needed).
fn under_filter(program: &[SockFilter], f: impl FnOnce() -> i32) -> Outcome {
    // SAFETY: the child only makes raw syscalls and exits with _exit; it never returns into the test harness.
    let pid = unsafe { libc::fork() };
    assert!(pid >= 0, "fork failed");
    if pid == 0 {
        // SAFETY: integer-only prctl; _exit never returns.
        unsafe {
            if libc::prctl(libc::PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 || install_filter(program, 0).is_err() {
                libc::_exit(200);
            }
            libc::_exit(f());
        }
    }
    let mut status = 0;
    // SAFETY: waits for the child just forked.
    assert_eq!(unsafe { libc::waitpid(pid, &mut status, 0) }, pid);
    if libc::WIFEXITED(status) {
        Outcome::Exit(libc::WEXITSTATUS(status))
    } else {
        Outcome::Signal(libc::WTERMSIG(status))
    }
}

/// A raw syscall; 0 on success, else errno.
fn sys(nr: i64, args: [u64; 3]) -> i32 {
    // SAFETY: the syscalls used in these tests take integers (or null) only.
    let r = unsafe { libc::syscall(nr, args[0], args[1], args[2]) };
    if r < 0 {
        std::io::Error::last_os_error().raw_os_error().unwrap_or(255)
    } else {
        0
    }
}

fn syscall(names: &[&str], action: LinuxSeccompAction, errno: Option<u32>) -> LinuxSyscall {
    let mut s = LinuxSyscall::default();
    s.set_names(names.iter().map(|n| n.to_string()).collect());
    s.set_action(action);
    s.set_errno_ret(errno);
    s
}

fn with_arg(mut s: LinuxSyscall, op: LinuxSeccompOperator, value: u64, value_two: Option<u64>) -> LinuxSyscall {
    let mut b = LinuxSeccompArgBuilder::default().index(0usize).value(value).op(op);
    if let Some(v2) = value_two {
        b = b.value_two(v2);
    }
    let mut args = s.args().clone().unwrap_or_default();
    args.push(b.build().unwrap());
    s.set_args(Some(args));
    s
}

/// Default EPERM, `exit_group` allowed (the child must be able to report), plus `rules`.
fn profile(arches: &[Arch], rules: Vec<LinuxSyscall>) -> LinuxSeccomp {
    let mut s = LinuxSeccomp::default();
    s.set_default_action(LinuxSeccompAction::ScmpActErrno);
    s.set_default_errno_ret(Some(libc::EPERM as u32));
    s.set_architectures(Some(arches.to_vec()));
    let mut all = vec![syscall(&["exit_group", "exit"], LinuxSeccompAction::ScmpActAllow, None)];
    all.extend(rules);
    s.set_syscalls(Some(all));
    s
}

fn program(s: &LinuxSeccomp) -> Vec<SockFilter> {
    bpf::compile(s).unwrap().program
}

const X86_64: &[Arch] = &[Arch::ScmpArchX86_64];

#[test]
fn allow_and_errno_actions() {
    let p = program(&profile(
        X86_64,
        vec![
            syscall(&["getpid"], LinuxSeccompAction::ScmpActAllow, None),
            syscall(&["getppid"], LinuxSeccompAction::ScmpActErrno, Some(42)),
            syscall(&["gettid"], LinuxSeccompAction::ScmpActKillProcess, None),
        ],
    ));
    assert_eq!(under_filter(&p, || sys(libc::SYS_getpid, [0; 3])), Outcome::Exit(0));
    assert_eq!(under_filter(&p, || sys(libc::SYS_getppid, [0; 3])), Outcome::Exit(42));
    assert_eq!(
        under_filter(&p, || sys(libc::SYS_keyctl, [0; 3])),
        Outcome::Exit(libc::EPERM)
    );
    assert_eq!(
        under_filter(&p, || sys(libc::SYS_gettid, [0; 3])),
        Outcome::Signal(libc::SIGSYS)
    );
}

/// Every operator against values around the boundaries, high words included, checked against plain Rust.
#[test]
fn argument_operators_on_64_bit_values() {
    use LinuxSeccompOperator as Op;
    let pivot: u64 = 0x1_0000_0005;
    let probes = [
        0,
        5,
        6,
        0xffff_ffff,
        0x1_0000_0004,
        pivot,
        0x1_0000_0006,
        0x2_0000_0000,
        u64::MAX,
    ];
    type Holds = fn(u64) -> bool;
    let ops: [(Op, Holds); 7] = [
        (Op::ScmpCmpEq, |v| v == 0x1_0000_0005),
        (Op::ScmpCmpNe, |v| v != 0x1_0000_0005),
        (Op::ScmpCmpLt, |v| v < 0x1_0000_0005),
        (Op::ScmpCmpLe, |v| v <= 0x1_0000_0005),
        (Op::ScmpCmpGt, |v| v > 0x1_0000_0005),
        (Op::ScmpCmpGe, |v| v >= 0x1_0000_0005),
        (Op::ScmpCmpMaskedEq, |v| v & 0xff_0000_00ff == 0x1_0000_0005),
    ];
    for (op, expect) in ops {
        let value_two = (op == Op::ScmpCmpMaskedEq).then_some(pivot);
        let mask_or_value = if op == Op::ScmpCmpMaskedEq {
            0xff_0000_00ff
        } else {
            pivot
        };
        let rule = with_arg(
            syscall(&["getpid"], LinuxSeccompAction::ScmpActAllow, None),
            op,
            mask_or_value,
            value_two,
        );
        let p = program(&profile(X86_64, vec![rule]));
        for v in probes {
            let want = if expect(v) { 0 } else { libc::EPERM };
            assert_eq!(
                under_filter(&p, || sys(libc::SYS_getpid, [v, 0, 0])),
                Outcome::Exit(want),
                "{op:?} {v:#x}"
            );
        }
    }
}

#[test]
fn same_argument_twice_means_any() {
    let rule = with_arg(
        with_arg(
            syscall(&["getpid"], LinuxSeccompAction::ScmpActAllow, None),
            LinuxSeccompOperator::ScmpCmpEq,
            1,
            None,
        ),
        LinuxSeccompOperator::ScmpCmpEq,
        2,
        None,
    );
    let p = program(&profile(X86_64, vec![rule]));
    for (v, want) in [(1, 0), (2, 0), (3, libc::EPERM)] {
        assert_eq!(
            under_filter(&p, || sys(libc::SYS_getpid, [v, 0, 0])),
            Outcome::Exit(want)
        );
    }
}

#[test]
fn x32_numbers_are_a_separate_abi() {
    const X32_BIT: i64 = 0x4000_0000;
    // Without x32 in the profile an x32 syscall is a foreign architecture: killed like libseccomp does.
    let p = program(&profile(
        X86_64,
        vec![syscall(&["getpid"], LinuxSeccompAction::ScmpActAllow, None)],
    ));
    assert_eq!(
        under_filter(&p, || sys(X32_BIT | libc::SYS_getpid, [0; 3])),
        Outcome::Signal(libc::SIGSYS)
    );
    // -1 (a syscall skipped by a tracer) is not x32.
    assert_eq!(under_filter(&p, || sys(-1, [0; 3])), Outcome::Exit(libc::EPERM));

    // With x32 the x32 rules apply: getpid passes the filter (ENOSYS if the kernel lacks x32), keyctl doesn't.
    let with_x32 = profile(
        &[Arch::ScmpArchX86_64, Arch::ScmpArchX32],
        vec![syscall(&["getpid"], LinuxSeccompAction::ScmpActAllow, None)],
    );
    let p = program(&with_x32);
    let getpid = under_filter(&p, || sys(X32_BIT | libc::SYS_getpid, [0; 3]));
    assert!(
        matches!(getpid, Outcome::Exit(0) | Outcome::Exit(libc::ENOSYS)),
        "{getpid:?}"
    );
    assert_eq!(
        under_filter(&p, || sys(X32_BIT | libc::SYS_keyctl, [0; 3])),
        Outcome::Exit(libc::EPERM)
    );
}

/// i386 syscalls through `int 0x80`: arch AUDIT_ARCH_I386 with the i386 numbers.
#[cfg(target_arch = "x86_64")]
#[test]
fn i386_abi() {
    fn int80(nr: u32) -> i32 {
        let ret: i32;
        // SAFETY: `int 0x80` with an integer-only syscall (getpid, keyctl with null args); it clobbers nothing
        // but eax and the registers marked here.
        unsafe {
            std::arch::asm!("int 0x80", inlateout("eax") nr as i32 => ret,
                out("r8") _, out("r9") _, out("r10") _, out("r11") _);
        }
        if ret < 0 { -ret } else { 0 }
    }
    let getpid = Abi::X86.number("getpid").unwrap();
    let keyctl = Abi::X86.number("keyctl").unwrap();
    let allow = |arches: &[Arch]| {
        program(&profile(
            arches,
            vec![syscall(&["getpid"], LinuxSeccompAction::ScmpActAllow, None)],
        ))
    };
    // Kernels without IA32 emulation fault on int 0x80; nothing to test there.
    if under_filter(&allow(&[Arch::ScmpArchX86_64, Arch::ScmpArchX86]), || int80(getpid)) != Outcome::Exit(0) {
        return;
    }
    let both = allow(&[Arch::ScmpArchX86_64, Arch::ScmpArchX86]);
    // exit_group is allowed through the i386 table too, so the child can exit via the libc wrapper (64-bit).
    assert_eq!(under_filter(&both, || int80(keyctl)), Outcome::Exit(libc::EPERM));
    let native_only = allow(X86_64);
    assert_eq!(
        under_filter(&native_only, || int80(getpid)),
        Outcome::Signal(libc::SIGSYS)
    );
}

#[test]
fn long_programs_use_trampolines() {
    // Many conditional blocks push the shared returns and later blocks far beyond 8-bit jump range.
    let mut rules = Vec::new();
    for name in super::default::ALLOWED.iter().take(340) {
        let r = syscall(&[name], LinuxSeccompAction::ScmpActErrno, Some(77));
        rules.push(with_arg(
            r,
            LinuxSeccompOperator::ScmpCmpEq,
            0xdead_beef_0000_0001,
            None,
        ));
    }
    rules.push(syscall(&["getpid"], LinuxSeccompAction::ScmpActAllow, None));
    let p = program(&profile(X86_64, rules));
    assert!(p.len() > 1000, "{}", p.len());
    let trampoline = p
        .windows(2)
        .any(|w| w[0].code == 0x35 && w[0].jt == 0 && w[1].code == 0x05 && w[1].k > 255);
    assert!(trampoline, "no far conditional jump in {} instructions", p.len());
    assert_eq!(under_filter(&p, || sys(libc::SYS_getpid, [0; 3])), Outcome::Exit(0));
    // getppid and uname sit early and late among the 340 blocks.
    for nr in [libc::SYS_getppid, libc::SYS_uname] {
        assert_eq!(
            under_filter(&p, || sys(nr, [0xdead_beef_0000_0001, 0, 0])),
            Outcome::Exit(77)
        );
        assert_eq!(under_filter(&p, || sys(nr, [1, 0, 0])), Outcome::Exit(libc::EPERM));
    }
    assert_eq!(
        under_filter(&p, || sys(libc::SYS_keyctl, [0; 3])),
        Outcome::Exit(libc::EPERM)
    );
}

#[test]
fn default_profile_in_a_real_process() {
    let p = bpf::compile(&default_linux_seccomp()).unwrap();
    assert!(p.ignored.is_empty() || p.ignored.iter().all(|n| !n.is_empty()));
    let p = p.program;
    assert_eq!(under_filter(&p, || sys(libc::SYS_getpid, [0; 3])), Outcome::Exit(0));
    assert_eq!(
        under_filter(&p, || sys(libc::SYS_keyctl, [0; 3])),
        Outcome::Exit(libc::EPERM)
    );
    assert_eq!(
        under_filter(&p, || sys(libc::SYS_add_key, [0; 3])),
        Outcome::Exit(libc::EPERM)
    );
    assert_eq!(
        under_filter(&p, || sys(libc::SYS_unshare, [libc::CLONE_NEWUSER as u64, 0, 0])),
        Outcome::Exit(libc::EPERM)
    );
    assert_eq!(
        under_filter(&p, || sys(libc::SYS_clone3, [0; 3])),
        Outcome::Exit(libc::ENOSYS)
    );
    assert_eq!(
        under_filter(&p, || sys(libc::SYS_personality, [0, 0, 0])),
        Outcome::Exit(0)
    );
    assert_eq!(
        under_filter(&p, || sys(libc::SYS_personality, [0xffff_ffff, 0, 0])),
        Outcome::Exit(0)
    );
    assert_eq!(
        under_filter(&p, || sys(libc::SYS_personality, [0x0040_0000, 0, 0])),
        Outcome::Exit(libc::EPERM)
    );
    assert_eq!(
        under_filter(&p, || sys(libc::SYS_socket, [40, 1, 0])),
        Outcome::Exit(libc::EPERM)
    );
    assert_eq!(
        under_filter(&p, || sys(libc::SYS_socket, [libc::AF_UNIX as u64, 1, 0])),
        Outcome::Exit(0)
    );
    // clone with namespace flags is refused; a plain fork-like clone passes (the child exits at once).
    let newns = (libc::CLONE_NEWUSER | libc::SIGCHLD) as u64;
    assert_eq!(
        under_filter(&p, || sys(libc::SYS_clone, [newns, 0, 0])),
        Outcome::Exit(libc::EPERM)
    );

    let mut caps = podman_default_caps();
    caps.insert(Capability::SysAdmin);
    let admin = bpf::compile(&default_linux_seccomp_for(&caps)).unwrap().program;
    // Allowed by the filter now; the kernel may still refuse (EINVAL in a threaded process), but not EPERM.
    let r = under_filter(&admin, || sys(libc::SYS_unshare, [libc::CLONE_NEWUSER as u64, 0, 0]));
    assert_ne!(r, Outcome::Exit(libc::EPERM));
    assert_eq!(
        under_filter(&admin, || sys(libc::SYS_keyctl, [0; 3])),
        Outcome::Exit(libc::EPERM)
    );
}

#[test]
fn unknown_names_are_ignored_and_counted() {
    let s = profile(
        X86_64,
        vec![syscall(
            &["getpid", "no_such_call", "_llseek"],
            LinuxSeccompAction::ScmpActAllow,
            None,
        )],
    );
    let c = bpf::compile(&s).unwrap();
    // _llseek exists only on i386 and is not counted; on x86_64 alone it is.
    assert!(c.ignored.contains(&"no_such_call".to_string()));
    assert_eq!(
        under_filter(&c.program, || sys(libc::SYS_getpid, [0; 3])),
        Outcome::Exit(0)
    );
}

#[test]
fn hostile_filters_are_refused() {
    let bad_errno = profile(
        X86_64,
        vec![syscall(&["getpid"], LinuxSeccompAction::ScmpActErrno, Some(70000))],
    );
    assert!(bpf::compile(&bad_errno).is_err());
    let notify = profile(
        X86_64,
        vec![syscall(&["getpid"], LinuxSeccompAction::ScmpActNotify, None)],
    );
    assert!(bpf::compile(&notify).is_err());
    let mut bad_index = syscall(&["getpid"], LinuxSeccompAction::ScmpActAllow, None);
    bad_index.set_args(Some(vec![
        LinuxSeccompArgBuilder::default()
            .index(9usize)
            .value(1u64)
            .build()
            .unwrap(),
    ]));
    assert!(bpf::compile(&profile(X86_64, vec![bad_index])).is_err());
    // A profile too large for the kernel is an error, not a truncated filter.
    let huge: Vec<LinuxSyscall> = (0..3000)
        .map(|i| {
            with_arg(
                syscall(&["read"], LinuxSeccompAction::ScmpActAllow, None),
                LinuxSeccompOperator::ScmpCmpEq,
                i,
                None,
            )
        })
        .collect();
    assert!(bpf::compile(&profile(X86_64, huge)).is_err());
    // Cached bytes that are not a program are refused.
    assert!(bpf::from_bytes(&[]).is_none());
    assert!(bpf::from_bytes(&[1, 2, 3]).is_none());
    assert!(bpf::from_bytes(&[0u8; 8]).is_none());
    let ok = program(&profile(X86_64, vec![]));
    assert_eq!(bpf::from_bytes(&bpf::to_bytes(&ok)), Some(ok));
}

/// Runs `program` on one `seccomp_data` (little-endian layout) the way the kernel does.
fn interpret(program: &[SockFilter], arch: u32, nr: u32, args: [u64; 6]) -> u32 {
    let mut data = Vec::with_capacity(64);
    data.extend_from_slice(&nr.to_le_bytes());
    data.extend_from_slice(&arch.to_le_bytes());
    data.extend_from_slice(&0u64.to_le_bytes());
    for a in args {
        data.extend_from_slice(&a.to_le_bytes());
    }
    let (mut pc, mut acc) = (0usize, 0u32);
    loop {
        let i = program[pc];
        pc += 1;
        let jump = |cond: bool| if cond { i.jt as usize } else { i.jf as usize };
        match i.code {
            0x20 => acc = u32::from_le_bytes(data[i.k as usize..i.k as usize + 4].try_into().unwrap()),
            0x54 => acc &= i.k,
            0x05 => pc += i.k as usize,
            0x15 => pc += jump(acc == i.k),
            0x25 => pc += jump(acc > i.k),
            0x35 => pc += jump(acc >= i.k),
            0x06 => return i.k,
            other => panic!("unexpected opcode {other:#x}"),
        }
    }
}

/// The compiler's semantics written plainly: rules with argument tests in order, then the first rule without.
fn reference(s: &LinuxSeccomp, abi: Abi, nr: u32, args: [u64; 6]) -> u32 {
    let value = |action: LinuxSeccompAction, errno: Option<u32>| match action {
        LinuxSeccompAction::ScmpActAllow => bpf::RET_ALLOW,
        LinuxSeccompAction::ScmpActErrno => 0x0005_0000 | errno.unwrap_or(1),
        LinuxSeccompAction::ScmpActKillProcess => bpf::RET_KILL_PROCESS,
        other => panic!("not in these profiles: {other:?}"),
    };
    let rules: Vec<&LinuxSyscall> = s
        .syscalls()
        .iter()
        .flatten()
        .filter(|r| r.names().iter().any(|n| abi.number(n) == Some(nr)))
        .collect();
    let narrow = abi == Abi::X86;
    for r in rules.iter().filter(|r| r.args().is_some()) {
        let holds = r.args().iter().flatten().all(|a| {
            let (mut v, mut x, mut y) = (args[a.index()], a.value(), a.value_two().unwrap_or(0));
            if narrow {
                (v, x, y) = (v & 0xffff_ffff, x & 0xffff_ffff, y & 0xffff_ffff);
            }
            match a.op() {
                LinuxSeccompOperator::ScmpCmpEq => v == x,
                LinuxSeccompOperator::ScmpCmpNe => v != x,
                LinuxSeccompOperator::ScmpCmpLt => v < x,
                LinuxSeccompOperator::ScmpCmpLe => v <= x,
                LinuxSeccompOperator::ScmpCmpGt => v > x,
                LinuxSeccompOperator::ScmpCmpGe => v >= x,
                LinuxSeccompOperator::ScmpCmpMaskedEq => v & x == y,
            }
        });
        if holds {
            return value(r.action(), r.errno_ret());
        }
    }
    match rules.iter().find(|r| r.args().is_none()) {
        Some(r) => value(r.action(), r.errno_ret()),
        None => value(s.default_action(), s.default_errno_ret()),
    }
}

#[test]
fn every_number_of_every_abi_matches_the_reference() {
    let mut with_admin = podman_default_caps();
    with_admin.insert(Capability::SysAdmin);
    let arg_sets = [
        [0; 6],
        [0xffff_ffff, 0, 0, 0, 0, 0],
        [40, 1, 0, 0, 0, 0],
        [0x1000_0000, 0, 0, 0, 0, 0],
    ];
    for s in [default_linux_seccomp(), default_linux_seccomp_for(&with_admin)] {
        let p = bpf::compile(&s).unwrap().program;
        for (abi, arch, numbers) in [
            (Abi::X86_64, 0xc000_003e, 0..600u32),
            (Abi::X32, 0xc000_003e, 0x4000_0000..0x4000_0260),
            (Abi::X86, 0x4000_0003, 0..600),
        ] {
            for nr in numbers {
                for args in arg_sets {
                    assert_eq!(
                        interpret(&p, arch, nr, args),
                        reference(&s, abi, nr, args),
                        "{abi:?} {nr:#x} {args:x?}"
                    );
                }
            }
        }
        assert_eq!(
            interpret(&p, 0xc000_00b7, 0, [0; 6]),
            bpf::RET_KILL_PROCESS,
            "foreign arch"
        );
    }
}
