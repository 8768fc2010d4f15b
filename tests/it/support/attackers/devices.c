/* Attacks on the host's devices and process table from inside a container.
 *
 *   devices open PATH...                 open each node read-write, then read-only
 *   devices mknod PATH c|b MAJOR MINOR   create a node, then open it for writing and write to it
 *   devices forks N                      start N processes that sleep; stop at the first failure
 *
 * One line per attempt on stdout, `what=ok` or `what=ERRNO-NAME`, so that a test can assert
 * that nothing succeeded and why. Exits 0 unless the command line is wrong.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

static const char *result(int ok) {
    return ok ? "ok" : strerrorname_np(errno);
}

static void try_open(const char *path) {
    int fd = open(path, O_RDWR | O_CLOEXEC | O_NONBLOCK);
    printf("%s rw=%s", path, result(fd >= 0));
    if (fd >= 0)
        close(fd);
    fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    printf(" r=%s\n", result(fd >= 0));
    if (fd >= 0)
        close(fd);
}

static void try_mknod(const char *path, const char *type, const char *major, const char *minor) {
    mode_t kind = strcmp(type, "b") == 0 ? S_IFBLK : S_IFCHR;
    int made = mknod(path, kind | 0666, makedev(atoi(major), atoi(minor))) == 0;
    printf("%s mknod=%s", path, result(made));
    if (!made) {
        printf("\n");
        return;
    }
    int fd = open(path, O_WRONLY | O_CLOEXEC | O_NONBLOCK);
    printf(" open=%s", result(fd >= 0));
    if (fd >= 0) {
        static const char marker[] = "<3>ferry devices attacker wrote this\n";
        ssize_t n = write(fd, marker, sizeof marker - 1);
        printf(" write=%s", result(n > 0));
        close(fd);
    }
    printf("\n");
}

static void forks(long n) {
    long started = 0;
    int err = 0;
    for (; started < n; started++) {
        pid_t pid = fork();
        if (pid < 0) {
            err = errno;
            break;
        }
        if (pid == 0) {
            pause();
            _exit(0);
        }
    }
    errno = err;
    printf("forked=%ld error=%s\n", started, err ? strerrorname_np(err) : "none");
    /* The children go with the container: run as its init, this process takes its pid
     * namespace down when it exits. */
}

int main(int argc, char **argv) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (argc >= 3 && strcmp(argv[1], "open") == 0) {
        for (int i = 2; i < argc; i++)
            try_open(argv[i]);
        return 0;
    }
    if (argc == 6 && strcmp(argv[1], "mknod") == 0) {
        try_mknod(argv[2], argv[3], argv[4], argv[5]);
        return 0;
    }
    if (argc == 3 && strcmp(argv[1], "forks") == 0) {
        forks(atol(argv[2]));
        return 0;
    }
    fprintf(stderr, "usage: devices open PATH... | mknod PATH c|b MAJOR MINOR | forks N\n");
    return 2;
}
