//! Compiles an OCI `LinuxSeccomp` to a classic BPF program for `seccomp(SECCOMP_SET_MODE_FILTER)`, without
//! libseccomp. Layout: dispatch on `seccomp_data.arch` (unknown arch → KILL_PROCESS; x32 is told apart
//! from x86_64 by the 0x40000000 bit of the number), then per architecture a binary search over the
//! syscall numbers that have rules, each leading to its rule block (argument tests, then the action).
//! Branch targets are symbolic until the end, where jumps farther than 8 bits get a `ja` trampoline.

use oci_spec::runtime::{Arch, LinuxSeccomp, LinuxSeccompAction, LinuxSeccompOperator, LinuxSyscall};

use super::{SeccompError, tables};

/// One instruction, laid out like the kernel's `struct sock_filter`.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SockFilter {
    pub code: u16,
    pub jt: u8,
    pub jf: u8,
    pub k: u32,
}

/// A compiled filter and the syscall names no architecture of the filter knows (ignored, like Docker).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Compiled {
    pub program: Vec<SockFilter>,
    pub ignored: Vec<String>,
}

const LD_W_ABS: u16 = 0x20;
const ALU_AND_K: u16 = 0x54;
const JMP_JA: u16 = 0x05;
const JMP_JEQ_K: u16 = 0x15;
const JMP_JGT_K: u16 = 0x25;
const JMP_JGE_K: u16 = 0x35;
const RET_K: u16 = 0x06;

const OFFSET_NR: u32 = 0;
const OFFSET_ARCH: u32 = 4;
const OFFSET_ARGS: u32 = 16;

const AUDIT_ARCH_X86_64: u32 = 0xc000_003e;
const AUDIT_ARCH_I386: u32 = 0x4000_0003;
const AUDIT_ARCH_AARCH64: u32 = 0xc000_00b7;
const X32_SYSCALL_BIT: u32 = 0x4000_0000;

pub const RET_KILL_PROCESS: u32 = 0x8000_0000;
const RET_KILL_THREAD: u32 = 0;
const RET_TRAP: u32 = 0x0003_0000;
const RET_ERRNO: u32 = 0x0005_0000;
const RET_TRACE: u32 = 0x7ff0_0000;
const RET_LOG: u32 = 0x7ffc_0000;
pub const RET_ALLOW: u32 = 0x7fff_0000;

/// The kernel refuses longer programs (BPF_MAXINSNS).
const MAX_INSNS: usize = 4096;
/// Largest errno a syscall can return (MAX_ERRNO).
const MAX_ERRNO: u32 = 4095;
const EPERM: u32 = 1;

/// A syscall ABI the compiler has a number table for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Abi {
    X86_64,
    X86,
    X32,
    Aarch64,
}

impl Abi {
    fn table(self) -> &'static [(&'static str, u32)] {
        match self {
            Abi::X86_64 => tables::X86_64,
            Abi::X86 => tables::X86,
            Abi::X32 => tables::X32,
            Abi::Aarch64 => tables::AARCH64,
        }
    }

    /// Whether arguments are 64 bits wide (32-bit ABIs only define the low half).
    fn wide_args(self) -> bool {
        self != Abi::X86
    }

    /// The syscall number of `name` in this ABI.
    pub fn number(self, name: &str) -> Option<u32> {
        let table = self.table();
        table.binary_search_by(|(n, _)| (*n).cmp(name)).ok().map(|i| table[i].1)
    }

    /// The ABIs a process on this host can use, native first.
    pub fn host() -> &'static [Abi] {
        if cfg!(target_arch = "x86_64") {
            &[Abi::X86_64, Abi::X86, Abi::X32]
        } else if cfg!(target_arch = "aarch64") {
            &[Abi::Aarch64]
        } else {
            &[]
        }
    }

    fn from_oci(arch: Arch) -> Option<Abi> {
        match arch {
            Arch::ScmpArchX86_64 => Some(Abi::X86_64),
            Arch::ScmpArchX86 => Some(Abi::X86),
            Arch::ScmpArchX32 => Some(Abi::X32),
            Arch::ScmpArchAarch64 => Some(Abi::Aarch64),
            _ => None,
        }
    }
}

/// Compiles `seccomp` for the ABIs of this host.
pub fn compile(seccomp: &LinuxSeccomp) -> Result<Compiled, SeccompError> {
    compile_for(seccomp, Abi::host())
}

/// Compiles for `host` ABIs (native first); the filter's own architecture list selects among them, and the
/// native one is always included, as libseccomp does.
pub fn compile_for(seccomp: &LinuxSeccomp, host: &[Abi]) -> Result<Compiled, SeccompError> {
    let Some(&native) = host.first() else {
        return Err(SeccompError::Filter {
            message: "seccomp is not supported on this architecture".into(),
        });
    };
    let mut abis = vec![native];
    for arch in seccomp.architectures().iter().flatten() {
        if let Some(abi) = Abi::from_oci(*arch)
            && host.contains(&abi)
            && !abis.contains(&abi)
        {
            abis.push(abi);
        }
    }
    let default = action_value(seccomp.default_action(), seccomp.default_errno_ret(), "default action")?;
    let rules = expand_rules(seccomp.syscalls().as_deref().unwrap_or(&[]))?;

    let mut ignored = Vec::new();
    for rule in seccomp.syscalls().iter().flatten() {
        for name in rule.names() {
            if abis.iter().all(|abi| abi.number(name).is_none()) && !ignored.contains(name) {
                ignored.push(name.clone());
            }
        }
    }

    let mut asm = Asm::default();
    asm.stmt(LD_W_ABS, OFFSET_ARCH);
    let x86_64_token = abis.iter().any(|a| matches!(a, Abi::X86_64 | Abi::X32));
    let mut arch_blocks = Vec::new();
    if x86_64_token {
        let l = asm.label();
        asm.jump(JMP_JEQ_K, AUDIT_ARCH_X86_64, l, None);
        arch_blocks.push((AUDIT_ARCH_X86_64, l));
    }
    if abis.contains(&Abi::X86) {
        let l = asm.label();
        asm.jump(JMP_JEQ_K, AUDIT_ARCH_I386, l, None);
        arch_blocks.push((AUDIT_ARCH_I386, l));
    }
    if abis.contains(&Abi::Aarch64) {
        let l = asm.label();
        asm.jump(JMP_JEQ_K, AUDIT_ARCH_AARCH64, l, None);
        arch_blocks.push((AUDIT_ARCH_AARCH64, l));
    }
    asm.ret(RET_KILL_PROCESS);

    for (token, label) in arch_blocks {
        asm.place(label);
        asm.stmt(LD_W_ABS, OFFSET_NR);
        match token {
            AUDIT_ARCH_X86_64 => {
                let high = asm.label();
                asm.jump(JMP_JGE_K, X32_SYSCALL_BIT, high, None);
                if abis.contains(&Abi::X86_64) {
                    emit_abi(&mut asm, Abi::X86_64, &rules, default);
                } else {
                    asm.ret(RET_KILL_PROCESS);
                }
                asm.place(high);
                // -1 is what a tracer sets to skip a syscall; it is not an x32 call.
                let skipped = asm.label();
                asm.jump(JMP_JEQ_K, u32::MAX, skipped, None);
                if abis.contains(&Abi::X32) {
                    emit_abi(&mut asm, Abi::X32, &rules, default);
                } else {
                    asm.ret(RET_KILL_PROCESS);
                }
                asm.place(skipped);
                asm.ret(default);
            }
            AUDIT_ARCH_I386 => emit_abi(&mut asm, Abi::X86, &rules, default),
            _ => emit_abi(&mut asm, Abi::Aarch64, &rules, default),
        }
    }
    let program = asm.finish();
    if program.len() > MAX_INSNS {
        return Err(SeccompError::Filter {
            message: format!(
                "filter has {} instructions, more than the kernel's {MAX_INSNS}",
                program.len()
            ),
        });
    }
    Ok(Compiled { program, ignored })
}

/// A rule with its action resolved and its argument tests ANDed.
#[derive(Debug, Clone)]
struct Rule<'a> {
    names: &'a [String],
    action: u32,
    args: Vec<ArgTest>,
}

#[derive(Debug, Clone, Copy)]
struct ArgTest {
    index: u32,
    op: LinuxSeccompOperator,
    value: u64,
    value_two: u64,
}

/// Resolves actions and splits rules that test one argument more than once into one rule per test: like
/// runc, several conditions on the same argument mean "any of them".
fn expand_rules(syscalls: &[LinuxSyscall]) -> Result<Vec<Rule<'_>>, SeccompError> {
    let mut out = Vec::new();
    for sc in syscalls {
        let first = sc.names().first().map(String::as_str).unwrap_or("<unnamed>");
        let action = action_value(sc.action(), sc.errno_ret(), first)?;
        let mut tests = Vec::new();
        for a in sc.args().iter().flatten() {
            if a.index() > 5 {
                return Err(SeccompError::Rule {
                    syscall: first.to_string(),
                    message: format!("argument index {} is out of range 0-5", a.index()),
                });
            }
            tests.push(ArgTest {
                index: a.index() as u32,
                op: a.op(),
                value: a.value(),
                value_two: a.value_two().unwrap_or(0),
            });
        }
        let repeated = tests
            .iter()
            .enumerate()
            .any(|(i, t)| tests[..i].iter().any(|u| u.index == t.index));
        if repeated {
            for t in tests {
                out.push(Rule {
                    names: sc.names(),
                    action,
                    args: vec![t],
                });
            }
        } else {
            out.push(Rule {
                names: sc.names(),
                action,
                args: tests,
            });
        }
    }
    Ok(out)
}

fn action_value(action: LinuxSeccompAction, errno: Option<u32>, what: &str) -> Result<u32, SeccompError> {
    let err = |message: String| SeccompError::Rule {
        syscall: what.to_string(),
        message,
    };
    Ok(match action {
        LinuxSeccompAction::ScmpActKill | LinuxSeccompAction::ScmpActKillThread => RET_KILL_THREAD,
        LinuxSeccompAction::ScmpActKillProcess => RET_KILL_PROCESS,
        LinuxSeccompAction::ScmpActTrap => RET_TRAP,
        LinuxSeccompAction::ScmpActErrno => {
            let errno = errno.unwrap_or(EPERM);
            if errno > MAX_ERRNO {
                return Err(err(format!("errno {errno} is larger than {MAX_ERRNO}")));
            }
            RET_ERRNO | errno
        }
        LinuxSeccompAction::ScmpActTrace => {
            let data = errno.unwrap_or(EPERM);
            if data > 0xffff {
                return Err(err(format!("trace value {data} does not fit in 16 bits")));
            }
            RET_TRACE | data
        }
        LinuxSeccompAction::ScmpActLog => RET_LOG,
        LinuxSeccompAction::ScmpActAllow => RET_ALLOW,
        LinuxSeccompAction::ScmpActNotify => {
            return Err(err(
                "SCMP_ACT_NOTIFY needs a seccomp agent, which ferry does not support".into(),
            ));
        }
    })
}

/// Where the number dispatch sends a syscall.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Ret(u32),
    Block(Label),
}

/// Emits the number dispatch and rule blocks of one ABI; expects the syscall number in A.
///
/// The numbers are cut into segments of consecutive numbers with the same outcome (gaps take the default),
/// and a binary search over the segment starts returns inline. Allowed syscalls are mostly runs of
/// neighbours, so the default profile needs a few dozen segments per ABI and a handful of comparisons.
fn emit_abi(asm: &mut Asm, abi: Abi, rules: &[Rule<'_>], default: u32) {
    // Per number, the rules in profile order.
    let mut by_nr: std::collections::BTreeMap<u32, Vec<&Rule<'_>>> = Default::default();
    for rule in rules {
        for name in rule.names {
            if let Some(nr) = abi.number(name) {
                by_nr.entry(nr).or_default().push(rule);
            }
        }
    }
    let mut segments: Vec<(u32, Target)> = vec![(0, Target::Ret(default))];
    let mut blocks = Vec::new();
    for (nr, rules) in by_nr {
        // Tests first so that a narrower rule wins over a blanket one; then the first blanket rule.
        let conditional: Vec<&Rule<'_>> = rules.iter().copied().filter(|r| !r.args.is_empty()).collect();
        let fallback = rules.iter().find(|r| r.args.is_empty()).map_or(default, |r| r.action);
        let target = if conditional.is_empty() {
            Target::Ret(fallback)
        } else {
            let l = asm.label();
            blocks.push((l, conditional, fallback));
            Target::Block(l)
        };
        push_segment(&mut segments, nr, target);
        push_segment(&mut segments, nr.saturating_add(1), Target::Ret(default));
    }
    emit_tree(asm, &segments);
    for (label, conditional, fallback) in blocks {
        asm.place(label);
        for rule in conditional {
            let next = asm.label();
            for test in &rule.args {
                emit_test(asm, abi.wide_args(), test, next);
            }
            asm.ret(rule.action);
            asm.place(next);
        }
        asm.ret(fallback);
    }
}

/// Starts a segment at `start` (numbers come in increasing order), merging it with its predecessor when
/// both have the same outcome.
fn push_segment(segments: &mut Vec<(u32, Target)>, start: u32, target: Target) {
    if let Some(last) = segments.last_mut() {
        if last.0 == start {
            last.1 = target;
            if segments.len() >= 2 && segments[segments.len() - 2].1 == target {
                segments.pop();
            }
            return;
        }
        if last.1 == target {
            return;
        }
    }
    segments.push((start, target));
}

/// Binary search over segment starts; each leaf returns or enters its rule block.
fn emit_tree(asm: &mut Asm, segments: &[(u32, Target)]) {
    if let [(_, target)] = segments {
        match *target {
            Target::Ret(value) => asm.ret(value),
            Target::Block(l) => asm.jump_always(l),
        }
        return;
    }
    let mid = segments.len() / 2;
    let upper = asm.label();
    asm.jump(JMP_JGE_K, segments[mid].0, upper, None);
    emit_tree(asm, &segments[..mid]);
    asm.place(upper);
    emit_tree(asm, &segments[mid..]);
}

/// Emits one argument test: falls through when it holds, jumps to `fail` otherwise. 64-bit values are
/// compared as high word then low word (little-endian `seccomp_data`).
fn emit_test(asm: &mut Asm, wide: bool, t: &ArgTest, fail: Label) {
    let lo_off = OFFSET_ARGS + 8 * t.index;
    let hi_off = lo_off + 4;
    let (v_hi, v_lo) = ((t.value >> 32) as u32, t.value as u32);
    let ok = asm.label();
    use LinuxSeccompOperator as Op;
    match t.op {
        Op::ScmpCmpEq | Op::ScmpCmpNe => {
            let (on_equal, on_differ) = if t.op == Op::ScmpCmpEq { (ok, fail) } else { (fail, ok) };
            if wide {
                asm.stmt(LD_W_ABS, hi_off);
                asm.jump_next_if(JMP_JEQ_K, v_hi, on_differ);
            }
            asm.stmt(LD_W_ABS, lo_off);
            asm.jump(JMP_JEQ_K, v_lo, on_equal, Some(on_differ));
        }
        Op::ScmpCmpMaskedEq => {
            let (d_hi, d_lo) = ((t.value_two >> 32) as u32, t.value_two as u32);
            if wide {
                asm.stmt(LD_W_ABS, hi_off);
                asm.stmt(ALU_AND_K, v_hi);
                asm.jump_next_if(JMP_JEQ_K, d_hi, fail);
            }
            asm.stmt(LD_W_ABS, lo_off);
            asm.stmt(ALU_AND_K, v_lo);
            asm.jump(JMP_JEQ_K, d_lo, ok, Some(fail));
        }
        Op::ScmpCmpGt | Op::ScmpCmpGe | Op::ScmpCmpLt | Op::ScmpCmpLe => {
            // LT is "not GE" and LE is "not GT": the same tests with the outcomes swapped.
            let (low_cmp, holds, fails) = match t.op {
                Op::ScmpCmpGt => (JMP_JGT_K, ok, fail),
                Op::ScmpCmpGe => (JMP_JGE_K, ok, fail),
                Op::ScmpCmpLt => (JMP_JGE_K, fail, ok),
                _ => (JMP_JGT_K, fail, ok),
            };
            if wide {
                asm.stmt(LD_W_ABS, hi_off);
                asm.jump(JMP_JGT_K, v_hi, holds, None);
                asm.jump_next_if(JMP_JEQ_K, v_hi, fails);
            }
            asm.stmt(LD_W_ABS, lo_off);
            asm.jump(low_cmp, v_lo, holds, Some(fails));
        }
    }
    asm.place(ok);
}

/// Compiled bytes, as cached on disk: the instructions in native byte order.
pub fn to_bytes(program: &[SockFilter]) -> Vec<u8> {
    let mut out = Vec::with_capacity(program.len() * 8);
    for i in program {
        out.extend_from_slice(&i.code.to_ne_bytes());
        out.push(i.jt);
        out.push(i.jf);
        out.extend_from_slice(&i.k.to_ne_bytes());
    }
    out
}

/// Parses cached bytes; `None` when they cannot be a program (then the cache entry is recompiled).
pub fn from_bytes(data: &[u8]) -> Option<Vec<SockFilter>> {
    if data.is_empty() || !data.len().is_multiple_of(8) || data.len() / 8 > MAX_INSNS {
        return None;
    }
    let program: Vec<SockFilter> = data
        .chunks_exact(8)
        .map(|c| SockFilter {
            code: u16::from_ne_bytes([c[0], c[1]]),
            jt: c[2],
            jf: c[3],
            k: u32::from_ne_bytes([c[4], c[5], c[6], c[7]]),
        })
        .collect();
    // A truncated or foreign file must not become a filter: the last instruction of ours is always a return.
    (program.last()?.code == RET_K).then_some(program)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Label(usize);

#[derive(Debug, Clone, Copy)]
enum Item {
    Stmt {
        code: u16,
        k: u32,
    },
    /// Conditional jump; `jf: None` means the next instruction.
    Jump {
        code: u16,
        k: u32,
        jt: Label,
        jf: Option<Label>,
    },
    Ja(Label),
    Place(Label),
}

/// A tiny assembler with symbolic labels.
#[derive(Debug, Default)]
struct Asm {
    items: Vec<Item>,
    labels: usize,
}

impl Asm {
    fn label(&mut self) -> Label {
        self.labels += 1;
        Label(self.labels - 1)
    }

    /// A conditional jump that continues with the next instruction when `k` matches.
    fn jump_next_if(&mut self, code: u16, k: u32, otherwise: Label) {
        let next = self.label();
        self.jump(code, k, next, Some(otherwise));
        self.place(next);
    }

    fn place(&mut self, l: Label) {
        self.items.push(Item::Place(l));
    }

    fn stmt(&mut self, code: u16, k: u32) {
        self.items.push(Item::Stmt { code, k });
    }

    fn ret(&mut self, value: u32) {
        self.stmt(RET_K, value);
    }

    fn jump(&mut self, code: u16, k: u32, jt: Label, jf: Option<Label>) {
        self.items.push(Item::Jump { code, k, jt, jf });
    }

    fn jump_always(&mut self, target: Label) {
        self.items.push(Item::Ja(target));
    }

    /// Resolves labels. A conditional jump only reaches 255 instructions ahead, so a far target gets a
    /// `ja` placed right after the jump (reachable only through it); repeated until every jump fits.
    fn finish(mut self) -> Vec<SockFilter> {
        // Make "next instruction" explicit so that every jump has two labels.
        let mut items = Vec::with_capacity(self.items.len());
        for item in std::mem::take(&mut self.items) {
            match item {
                Item::Jump { code, k, jt, jf: None } => {
                    let next = self.label();
                    items.push(Item::Jump {
                        code,
                        k,
                        jt,
                        jf: Some(next),
                    });
                    items.push(Item::Place(next));
                }
                other => items.push(other),
            }
        }
        loop {
            let positions = self.positions(&items);
            let mut fixed = Vec::new();
            let mut changed = false;
            let mut pc = 0usize;
            for item in items {
                match item {
                    Item::Jump {
                        code,
                        k,
                        jt,
                        jf: Some(jf),
                    } => {
                        let far = |l: Label| positions[l.0] - pc - 1 > 255;
                        let (far_t, far_f) = (far(jt), far(jf));
                        if far_t || far_f {
                            changed = true;
                            let (tt, tf) = (self.label(), self.label());
                            let jt2 = if far_t { tt } else { jt };
                            let jf2 = if far_f { tf } else { jf };
                            fixed.push(Item::Jump {
                                code,
                                k,
                                jt: jt2,
                                jf: Some(jf2),
                            });
                            if far_t {
                                fixed.push(Item::Place(tt));
                                fixed.push(Item::Ja(jt));
                            }
                            if far_f {
                                fixed.push(Item::Place(tf));
                                fixed.push(Item::Ja(jf));
                            }
                        } else {
                            fixed.push(item);
                        }
                        pc += 1;
                    }
                    Item::Place(_) => fixed.push(item),
                    _ => {
                        fixed.push(item);
                        pc += 1;
                    }
                }
            }
            items = fixed;
            if !changed {
                break;
            }
        }
        let positions = self.positions(&items);
        let mut out = Vec::new();
        for item in items {
            let pc = out.len();
            let rel = |l: Label| positions[l.0] - pc - 1;
            match item {
                Item::Stmt { code, k } => out.push(SockFilter { code, jt: 0, jf: 0, k }),
                Item::Jump { code, k, jt, jf } => out.push(SockFilter {
                    code,
                    jt: rel(jt) as u8,
                    jf: jf.map_or(0, |l| rel(l) as u8),
                    k,
                }),
                Item::Ja(l) => out.push(SockFilter {
                    code: JMP_JA,
                    jt: 0,
                    jf: 0,
                    k: rel(l) as u32,
                }),
                Item::Place(_) => {}
            }
        }
        out
    }

    fn positions(&self, items: &[Item]) -> Vec<usize> {
        let mut positions = vec![usize::MAX; self.labels];
        let mut pc = 0;
        for item in items {
            match item {
                Item::Place(l) => positions[l.0] = pc,
                _ => pc += 1,
            }
        }
        positions
    }
}
