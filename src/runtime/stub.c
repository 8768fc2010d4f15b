/*
 * ferry-init: the program ferry executes last in a container, just before the container's
 * command. ferry writes it into a sealed memfd and executes that (see src/runtime/stub.rs), so
 * that no process ferry puts in a container runs the host's ferry binary when a container
 * process can see it: /proc/PID/exe of such a process (or /proc/self/exe as the command, or as
 * a script's interpreter: runc's CVE-2019-5736) is this sealed copy, which nobody can write,
 * and its environment is the container's. Static, without a C library: raw system calls only.
 *
 * argv: ferry-init CONTROL PATH ARG0 ARGS...; envp: the command's environment.
 * CONTROL is MODE[t]:ERRFD[:PIDFD], MODE one of
 *   x  execute PATH in this process (the container's init without --init);
 *   i  stay PID 1 (--init): run PATH in a child, forward every signal to it, reap orphans, and
 *      exit as the child did (128+N when signal N killed it);
 *   p  execute PATH in a new process that is this one's sibling (CLONE_PARENT), in a session of
 *      its own, and write its pid to PIDFD (ferry exec in the foreground waits for it);
 *   d  execute PATH in a grandchild in a session of its own (exec -d): its parent exits at
 *      once, so the container's init adopts it;
 * and `t` makes the terminal on fd 0 the new session's controlling terminal.
 * A failure to execute PATH goes to ERRFD in ferry's InitFailure encoding: a kind byte
 * (0 setup, 1 not found, 2 cannot execute), the errno as 4 little-endian bytes, and a text.
 */

#if defined(__x86_64__)
enum {
    NR_write = 1, NR_close = 3, NR_rt_sigprocmask = 14, NR_ioctl = 16, NR_clone = 56,
    NR_execve = 59, NR_wait4 = 61, NR_kill = 62, NR_fcntl = 72, NR_setsid = 112,
    NR_rt_sigtimedwait = 128, NR_prctl = 157, NR_exit_group = 231,
};

static long sys(long n, long a, long b, long c, long d)
{
    long ret;
    register long r10 __asm__("r10") = d;
    __asm__ volatile("syscall"
                     : "=a"(ret)
                     : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10)
                     : "rcx", "r11", "memory");
    return ret;
}

__asm__(".text\n"
        ".global _start\n"
        "_start:\n"
        "\txor %ebp, %ebp\n"
        "\tmov %rsp, %rdi\n"
        "\tand $-16, %rsp\n"
        "\tcall stub_main\n"
        "\thlt\n");
#elif defined(__aarch64__)
enum {
    NR_write = 64, NR_close = 57, NR_rt_sigprocmask = 135, NR_ioctl = 29, NR_clone = 220,
    NR_execve = 221, NR_wait4 = 260, NR_kill = 129, NR_fcntl = 25, NR_setsid = 157,
    NR_rt_sigtimedwait = 137, NR_prctl = 167, NR_exit_group = 94,
};

static long sys(long n, long a, long b, long c, long d)
{
    register long x8 __asm__("x8") = n;
    register long x0 __asm__("x0") = a;
    register long x1 __asm__("x1") = b;
    register long x2 __asm__("x2") = c;
    register long x3 __asm__("x3") = d;
    __asm__ volatile("svc 0" : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2), "r"(x3) : "memory");
    return x0;
}

__asm__(".text\n"
        ".global _start\n"
        "_start:\n"
        "\tmov x29, #0\n"
        "\tmov x30, #0\n"
        "\tmov x0, sp\n"
        "\tbl stub_main\n"
        "\tbrk #0\n");
#else
#error "ferry-init has no system call glue for this architecture"
#endif

#define ENOENT 2
#define ECHILD 10
#define SIGCHLD 17
#define CLONE_PARENT 0x8000
#define F_SETFD 2
#define FD_CLOEXEC 1
#define TIOCSCTTY 0x540E
#define PR_SET_DUMPABLE 4
#define PR_SET_NAME 15
#define SIG_BLOCK 0
#define SIG_SETMASK 2
#define WNOHANG 1

static void __attribute__((noreturn)) leave(int code)
{
    for (;;)
        sys(NR_exit_group, code, 0, 0, 0);
}

static long length(const char *s)
{
    long n = 0;
    while (s[n])
        n++;
    return n;
}

static void say(const char *s)
{
    sys(NR_write, 2, (long)s, length(s), 0);
}

/* Reports a failure to ferry in its InitFailure encoding. */
static void report(int fd, int kind, long err, const char *text)
{
    char buf[512];
    unsigned long e = (unsigned long)err;
    long n = 0;
    buf[n++] = (char)kind;
    for (int i = 0; i < 4; i++)
        buf[n++] = (char)(e >> (8 * i));
    while (*text && n < (long)sizeof buf)
        buf[n++] = *text++;
    sys(NR_write, fd, (long)buf, n, 0);
}

static long fork_like(unsigned long flags)
{
    return sys(NR_clone, (long)(flags | SIGCHLD), 0, 0, 0);
}

/* Executes the command; on failure reports it and exits (126 or 127, as shells do). */
static void __attribute__((noreturn)) command(char *path, char **args, char **envp, int errfd)
{
    long err = sys(NR_execve, (long)path, (long)args, (long)envp, 0);
    int missing = err == -ENOENT;
    report(errfd, missing ? 1 : 2, -err, args[0] ? args[0] : path);
    leave(missing ? 127 : 126);
}

/* A session of the command's own, with the terminal on fd 0 as its controlling terminal when
 * asked: never the caller's. */
static void session(int tty, int errfd)
{
    long r = sys(NR_setsid, 0, 0, 0, 0);
    if (r >= 0 && tty)
        r = sys(NR_ioctl, 0, TIOCSCTTY, 0, 0);
    if (r < 0) {
        report(errfd, 0, -r, "giving the exec process a session of its own");
        leave(1);
    }
}

static void __attribute__((noreturn)) init(char *path, char **args, char **envp, int errfd,
                                           char **argv, int argc)
{
    unsigned long all = ~0UL, old = 0;
    sys(NR_rt_sigprocmask, SIG_BLOCK, (long)&all, (long)&old, 8);
    long child = fork_like(0);
    if (child < 0) {
        report(errfd, 0, -child, "forking the command under --init");
        leave(1);
    }
    if (child == 0) {
        sys(NR_rt_sigprocmask, SIG_SETMASK, (long)&old, 0, 8);
        command(path, args, envp, errfd);
    }
    /* Only the command reports exec failures: ferry waits for the end of the error pipe. */
    sys(NR_close, errfd, 0, 0, 0);
    /* ps shows `ferry-init` for PID 1, not ferry's control arguments. */
    char *end = argv[argc - 1] + length(argv[argc - 1]);
    for (char *p = argv[1]; p < end; p++)
        *p = 0;
    for (;;) {
        unsigned long info[16];
        long sig = sys(NR_rt_sigtimedwait, (long)&all, (long)info, 0, 8);
        if (sig < 0)
            continue;
        if (sig != SIGCHLD) {
            sys(NR_kill, child, sig, 0, 0);
            continue;
        }
        for (;;) {
            int status = 0;
            long pid = sys(NR_wait4, -1, (long)&status, WNOHANG, 0);
            if (pid == child)
                leave((status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f));
            if (pid == -ECHILD)
                leave(125);
            if (pid <= 0)
                break;
        }
    }
}

static int number(const char **s)
{
    int n = -1;
    while (**s >= '0' && **s <= '9') {
        n = (n < 0 ? 0 : n * 10) + (**s - '0');
        (*s)++;
    }
    return n;
}

void __attribute__((noreturn, used)) stub_main(long *sp)
{
    int argc = (int)sp[0];
    char **argv = (char **)(sp + 1);
    char **envp = argv + argc + 1;
    /* Out of the container's reach while it is ours (exe, mem, environ): the command's execve
     * makes its process dumpable again as usual. */
    sys(NR_prctl, PR_SET_DUMPABLE, 0, 0, 0);
    if (argc < 4) {
        say("ferry-init: not a container command: ferry starts this program itself\n");
        leave(126);
    }
    const char *c = argv[1];
    char mode = *c++;
    int tty = *c == 't';
    if (tty)
        c++;
    int errfd = -1, pidfd = -1;
    if (*c == ':') {
        c++;
        errfd = number(&c);
    }
    if (*c == ':') {
        c++;
        pidfd = number(&c);
    }
    if (*c || errfd < 0 || (mode == 'p') != (pidfd >= 0) ||
        (mode != 'x' && mode != 'i' && mode != 'p' && mode != 'd')) {
        say("ferry-init: not a container command: ferry starts this program itself\n");
        leave(126);
    }
    char *path = argv[2];
    char **args = argv + 3;
    sys(NR_prctl, PR_SET_NAME, (long)"ferry-init", 0, 0);
    sys(NR_fcntl, errfd, F_SETFD, FD_CLOEXEC, 0);
    if (pidfd >= 0)
        sys(NR_fcntl, pidfd, F_SETFD, FD_CLOEXEC, 0);
    if (mode == 'x')
        command(path, args, envp, errfd);
    if (mode == 'i')
        init(path, args, envp, errfd, argv, argc);
    long pid = fork_like(mode == 'p' ? CLONE_PARENT : 0);
    if (pid < 0) {
        report(errfd, 0, -pid, "creating the exec process in the container");
        leave(1);
    }
    if (pid == 0) {
        session(tty, errfd);
        if (mode == 'd') {
            long grandchild = fork_like(0);
            if (grandchild < 0) {
                report(errfd, 0, -grandchild, "forking the detached exec");
                leave(1);
            }
            if (grandchild > 0)
                leave(0);
        }
        command(path, args, envp, errfd);
    }
    if (mode == 'p') {
        unsigned long p = (unsigned long)pid;
        char b[4] = {(char)p, (char)(p >> 8), (char)(p >> 16), (char)(p >> 24)};
        sys(NR_write, pidfd, (long)b, 4, 0);
    } else {
        int status;
        sys(NR_wait4, pid, (long)&status, 0, 0);
    }
    leave(0);
}
