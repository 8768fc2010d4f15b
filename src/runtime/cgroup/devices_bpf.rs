//! The device filter of a cgroup v2 container: device rules compiled to an eBPF program of type
//! `BPF_PROG_TYPE_CGROUP_DEVICE` (v2 has no `devices` controller; the kernel runs the programs
//! attached to a process's cgroup and its ancestors on every open and mknod of a device node),
//! and the `bpf(2)` calls that load it and attach it to the container's cgroup.
//!
//! The program reads the access (`struct bpf_cgroup_dev_ctx`: `access_type` = access << 16 |
//! type, `major`, `minor`) and tests the rules from the last to the first: the first that
//! matches returns its verdict (1 allows, 0 denies); none matching allows, as in
//! [`super::devices::permits`].

use std::os::fd::{AsRawFd, BorrowedFd, FromRawFd, OwnedFd};

use nix::errno::Errno;

use super::devices::{ALL_ACCESS, Kind, Rule};

/// One instruction, laid out like the kernel's `struct bpf_insn`.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Insn {
    pub code: u8,
    /// dst_reg in the low nibble, src_reg in the high one.
    pub regs: u8,
    pub off: i16,
    pub imm: i32,
}

const LDX_MEM_W: u8 = 0x61;
const ALU64_MOV_K: u8 = 0xb7;
const ALU64_MOV_X: u8 = 0xbf;
const ALU64_AND_K: u8 = 0x57;
const ALU64_RSH_K: u8 = 0x77;
const JMP_JEQ_K: u8 = 0x15;
const JMP_JNE_K: u8 = 0x55;
const JMP_EXIT: u8 = 0x95;

const R0: u8 = 0;
const R1: u8 = 1;
const R2: u8 = 2;
const R3: u8 = 3;
const R4: u8 = 4;
const R5: u8 = 5;

fn insn(code: u8, dst: u8, src: u8, off: i16, imm: i32) -> Insn {
    Insn {
        code,
        regs: dst | (src << 4),
        off,
        imm,
    }
}

/// The program for `rules` (in order, last match wins); `None` when it would allow everything
/// (then no program is needed).
pub fn compile(rules: &[Rule]) -> Option<Vec<Insn>> {
    // A rule for every device and access hides the ones before it.
    let start = rules
        .iter()
        .rposition(|r| r.kind == Kind::All && r.access == ALL_ACCESS)
        .unwrap_or(0);
    let live = &rules[start..];
    // Only allows, over "everything allowed": nothing is ever denied.
    if live.iter().all(|r| r.allow) {
        return None;
    }
    let mut prog = vec![
        // r2 = type, r3 = access, r4 = major, r5 = minor.
        insn(LDX_MEM_W, R2, R1, 0, 0),
        insn(ALU64_MOV_X, R3, R2, 0, 0),
        insn(ALU64_AND_K, R2, 0, 0, 0xffff),
        insn(ALU64_RSH_K, R3, 0, 0, 16),
        insn(LDX_MEM_W, R4, R1, 4, 0),
        insn(LDX_MEM_W, R5, R1, 8, 0),
    ];
    let mut catch_all = false;
    for r in live.iter().rev() {
        let mut block: Vec<Insn> = Vec::new();
        // Jumps to the end of the block (the next rule) when the rule does not match; their
        // offsets are filled in once the block's length is known.
        let mut skips = Vec::new();
        if r.kind != Kind::All {
            skips.push(block.len());
            block.push(insn(JMP_JNE_K, R2, 0, 0, r.kind as i32));
        }
        if r.access != ALL_ACCESS {
            block.push(insn(ALU64_MOV_X, R1, R3, 0, 0));
            if r.allow {
                // Not a match when the access asks for a kind the rule does not give.
                block.push(insn(ALU64_AND_K, R1, 0, 0, i32::from(!r.access & ALL_ACCESS)));
                skips.push(block.len());
                block.push(insn(JMP_JNE_K, R1, 0, 0, 0));
            } else {
                // Not a match when the access shares no kind with the rule.
                block.push(insn(ALU64_AND_K, R1, 0, 0, i32::from(r.access)));
                skips.push(block.len());
                block.push(insn(JMP_JEQ_K, R1, 0, 0, 0));
            }
        }
        for (reg, n) in [(R4, r.major), (R5, r.minor)] {
            if let Some(n) = n {
                skips.push(block.len());
                block.push(insn(JMP_JNE_K, reg, 0, 0, n as i32));
            }
        }
        let unconditional = skips.is_empty();
        block.push(insn(ALU64_MOV_K, R0, 0, 0, i32::from(r.allow)));
        block.push(insn(JMP_EXIT, 0, 0, 0, 0));
        let len = block.len();
        for i in skips {
            block[i].off = (len - i - 1) as i16;
        }
        prog.extend(block);
        if unconditional {
            catch_all = true;
            break;
        }
    }
    if !catch_all {
        prog.push(insn(ALU64_MOV_K, R0, 0, 0, 1));
        prog.push(insn(JMP_EXIT, 0, 0, 0, 0));
    }
    Some(prog)
}

const BPF_PROG_LOAD: libc::c_int = 5;
const BPF_PROG_ATTACH: libc::c_int = 8;
const BPF_PROG_TYPE_CGROUP_DEVICE: u32 = 15;
const BPF_CGROUP_DEVICE: u32 = 6;
const BPF_F_ALLOW_MULTI: u32 = 2;

/// The leading fields of `union bpf_attr` for BPF_PROG_LOAD.
#[repr(C)]
#[derive(Default)]
struct ProgLoadAttr {
    prog_type: u32,
    insn_cnt: u32,
    insns: u64,
    license: u64,
    log_level: u32,
    log_size: u32,
    log_buf: u64,
    kern_version: u32,
    prog_flags: u32,
}

/// The fields of `union bpf_attr` for BPF_PROG_ATTACH.
#[repr(C)]
#[derive(Default)]
struct ProgAttachAttr {
    target_fd: u32,
    attach_bpf_fd: u32,
    attach_type: u32,
    attach_flags: u32,
}

/// Why loading failed: the errno and the verifier's log (empty when it said nothing).
#[derive(Debug)]
pub struct LoadError {
    pub errno: Errno,
    pub log: String,
}

fn prog_load(prog: &[Insn], log: Option<&mut [u8]>) -> Result<OwnedFd, Errno> {
    let license = c"Apache-2.0";
    let mut attr = ProgLoadAttr {
        prog_type: BPF_PROG_TYPE_CGROUP_DEVICE,
        insn_cnt: prog.len() as u32,
        insns: prog.as_ptr() as u64,
        license: license.as_ptr() as u64,
        ..Default::default()
    };
    if let Some(buf) = log {
        attr.log_level = 1;
        attr.log_size = buf.len() as u32;
        attr.log_buf = buf.as_mut_ptr() as u64;
    }
    // SAFETY: bpf(BPF_PROG_LOAD) with an attribute struct whose pointers (instructions,
    // license, log buffer) stay valid for the call; a non-negative result is a new descriptor.
    let fd = unsafe {
        libc::syscall(
            libc::SYS_bpf,
            BPF_PROG_LOAD,
            &attr as *const ProgLoadAttr,
            std::mem::size_of::<ProgLoadAttr>() as u32,
        )
    };
    if fd < 0 {
        return Err(Errno::last());
    }
    // SAFETY: the descriptor was just created and is owned by nobody else.
    Ok(unsafe { OwnedFd::from_raw_fd(fd as i32) })
}

/// Loads a device program; a refusal comes with the verifier's log.
pub fn load(prog: &[Insn]) -> Result<OwnedFd, LoadError> {
    match prog_load(prog, None) {
        Ok(fd) => Ok(fd),
        Err(errno) => {
            // Once more with a log, only to explain the refusal.
            let mut buf = vec![0u8; 64 * 1024];
            let _ = prog_load(prog, Some(&mut buf));
            let end = buf.iter().position(|&b| b == 0).unwrap_or(buf.len());
            Err(LoadError {
                errno,
                log: String::from_utf8_lossy(&buf[..end]).trim().to_string(),
            })
        }
    }
}

/// Attaches a loaded device program to a cgroup (a v2 directory descriptor). The attachment
/// lives as long as the cgroup; the program descriptor may be closed afterwards.
pub fn attach(prog: BorrowedFd<'_>, cgroup: BorrowedFd<'_>) -> Result<(), Errno> {
    let attr = ProgAttachAttr {
        target_fd: cgroup.as_raw_fd() as u32,
        attach_bpf_fd: prog.as_raw_fd() as u32,
        attach_type: BPF_CGROUP_DEVICE,
        attach_flags: BPF_F_ALLOW_MULTI,
    };
    // SAFETY: bpf(BPF_PROG_ATTACH) with an attribute struct that lives across the call.
    let r = unsafe {
        libc::syscall(
            libc::SYS_bpf,
            BPF_PROG_ATTACH,
            &attr as *const ProgAttachAttr,
            std::mem::size_of::<ProgAttachAttr>() as u32,
        )
    };
    if r < 0 { Err(Errno::last()) } else { Ok(()) }
}

#[cfg(test)]
mod tests {
    use super::super::devices::{self, MKNOD, READ, WRITE, container_rules, normalize_all, permits};
    use super::*;

    /// Runs a program the way the kernel would, for the instructions `compile` emits (anything
    /// else fails the test), with a device context of (access << 16 | type, major, minor).
    fn run(prog: &[Insn], kind: Kind, major: u32, minor: u32, access: u8) -> bool {
        let ctx = [(u32::from(access) << 16) | kind as u32, major, minor];
        let mut reg = [0u64; 11];
        let mut pc = 0usize;
        let mut steps = 0;
        loop {
            steps += 1;
            assert!(steps <= prog.len(), "the program loops");
            let i = prog[pc];
            let (dst, src) = ((i.regs & 0xf) as usize, (i.regs >> 4) as usize);
            assert!(dst <= 5 && src <= 5, "register out of range: {i:?}");
            pc += 1;
            match i.code {
                LDX_MEM_W => {
                    assert_eq!(src, 1, "context loads go through r1");
                    assert!(
                        i.off >= 0 && i.off % 4 == 0 && i.off <= 8,
                        "bad context offset {}",
                        i.off
                    );
                    reg[dst] = u64::from(ctx[(i.off / 4) as usize]);
                }
                ALU64_MOV_K => reg[dst] = i.imm as i64 as u64,
                ALU64_MOV_X => reg[dst] = reg[src],
                ALU64_AND_K => reg[dst] &= i.imm as i64 as u64,
                ALU64_RSH_K => reg[dst] >>= i.imm,
                JMP_JEQ_K | JMP_JNE_K => {
                    let eq = reg[dst] == i.imm as i64 as u64;
                    if eq == (i.code == JMP_JEQ_K) {
                        assert!(i.off >= 0, "backward jump");
                        pc += i.off as usize;
                    }
                }
                JMP_EXIT => {
                    assert!(reg[0] <= 1, "verdict {}", reg[0]);
                    return reg[0] == 1;
                }
                other => panic!("unexpected opcode {other:#x}"),
            }
            assert!(pc < prog.len(), "falls off the end");
        }
    }

    const SAMPLES: [(Kind, u32, u32); 12] = [
        (Kind::Char, 1, 3),
        (Kind::Char, 1, 11),
        (Kind::Char, 1, 9),
        (Kind::Char, 5, 2),
        (Kind::Char, 136, 0),
        (Kind::Char, 136, 4095),
        (Kind::Char, 10, 232),
        (Kind::Char, 10, 200),
        (Kind::Block, 7, 0),
        (Kind::Block, 8, 1),
        (Kind::Block, 1, 3),
        (Kind::Char, 0, 0),
    ];

    /// The program agrees with the rules' meaning for every sample device and access.
    #[track_caller]
    fn agrees(rules: &[Rule]) {
        let Some(prog) = compile(rules) else {
            for (k, ma, mi) in SAMPLES {
                for acc in 1..=ALL_ACCESS {
                    assert!(permits(rules, k, ma, mi, acc), "no program, yet {ma}:{mi} is denied");
                }
            }
            return;
        };
        for (k, ma, mi) in SAMPLES {
            for acc in 1..=ALL_ACCESS {
                assert_eq!(
                    run(&prog, k, ma, mi, acc),
                    permits(rules, k, ma, mi, acc),
                    "{k:?} {ma}:{mi} access {acc} with {rules:?}"
                );
            }
        }
    }

    #[test]
    fn default_rules_compile_to_their_meaning() {
        let rules = normalize_all(&container_rules(false)).unwrap();
        let prog = compile(&rules).unwrap();
        agrees(&rules);
        // The deny-everything rule is the last one tested and returns unconditionally.
        let n = prog.len();
        assert_eq!(prog[n - 2], insn(ALU64_MOV_K, R0, 0, 0, 0));
        assert_eq!(prog[n - 1].code, JMP_EXIT);
        assert!(run(&prog, Kind::Char, 1, 3, READ | WRITE));
        assert!(!run(&prog, Kind::Char, 1, 11, WRITE), "kmsg");
        assert!(!run(&prog, Kind::Char, 10, 232, READ | WRITE), "kvm");
        assert!(!run(&prog, Kind::Block, 7, 0, READ), "loop0");
        assert!(run(&prog, Kind::Char, 1, 11, MKNOD), "mknod is allowed, opening is not");
        assert!(prog.len() < 200);
    }

    #[test]
    fn allow_everything_needs_no_program() {
        assert_eq!(compile(&normalize_all(&container_rules(true)).unwrap()), None);
        assert_eq!(compile(&[]), None);
        // Rules before an allow-everything rule change nothing.
        let mut rules = normalize_all(&container_rules(false)).unwrap();
        rules.extend(normalize_all(&container_rules(true)).unwrap());
        assert_eq!(compile(&rules), None);
    }

    #[test]
    fn arbitrary_rule_lists_compile_to_their_meaning() {
        // Every combination of a few building blocks, in several orders.
        let r = |allow, kind, major, minor, access| Rule {
            allow,
            kind,
            major,
            minor,
            access,
        };
        let parts = [
            r(false, Kind::All, None, None, ALL_ACCESS),
            r(true, Kind::All, None, None, ALL_ACCESS),
            r(true, Kind::Char, Some(1), Some(3), READ),
            r(false, Kind::Char, Some(1), None, WRITE),
            r(true, Kind::Block, None, None, MKNOD | READ),
            r(false, Kind::Char, None, Some(0), MKNOD),
            r(true, Kind::Char, Some(136), None, READ | WRITE),
            r(false, Kind::Block, Some(8), Some(1), ALL_ACCESS),
        ];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..400 {
            let n = (next() % 6) as usize;
            let rules: Vec<Rule> = (0..n).map(|_| parts[(next() % parts.len() as u64) as usize]).collect();
            agrees(&rules);
        }
        // A list of only specific allows starts from "everything allowed".
        agrees(&[parts[2]]);
        assert!(run(&compile(&[parts[3]]).unwrap(), Kind::Block, 8, 0, WRITE));
    }

    #[test]
    fn kinds_match_the_kernels_encoding() {
        assert_eq!((Kind::Block as u32, Kind::Char as u32), (1, 2));
        assert_eq!((devices::MKNOD, devices::READ, devices::WRITE), (1, 2, 4));
        assert_eq!(std::mem::size_of::<Insn>(), 8);
    }
}
