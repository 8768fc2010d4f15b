/*
 * Hostile container process: looks at what its descriptors are and tries to use them against
 * the host. Lists every open descriptor below 64 ("FD n -> target", on stderr), reopens its
 * stdout through /proc/self/fd/1 for reading ("READ <data>" when something came back) and for
 * writing with O_TRUNC ("TRUNC ok|failed"), and only then writes "container-line" to stdout.
 * A container whose stdout is the caller's file reads and truncates that file this way.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(void)
{
    for (int fd = 0; fd < 64; fd++) {
        char path[64], target[512];
        snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
        ssize_t n = readlink(path, target, sizeof target - 1);
        if (n < 0)
            continue;
        target[n] = 0;
        fprintf(stderr, "FD %d -> %s\n", fd, target);
    }
    int r = open("/proc/self/fd/1", O_RDONLY | O_NONBLOCK);
    if (r >= 0) {
        char buf[4096];
        ssize_t n = read(r, buf, sizeof buf - 1);
        if (n > 0) {
            buf[n] = 0;
            for (ssize_t i = 0; i < n; i++)
                if (buf[i] == '\n')
                    buf[i] = ' ';
            fprintf(stderr, "READ %s\n", buf);
        }
        close(r);
    }
    int w = open("/proc/self/fd/1", O_WRONLY | O_TRUNC);
    fprintf(stderr, "TRUNC %s\n", w >= 0 ? "ok" : strerror(errno));
    if (w >= 0)
        close(w);
    printf("container-line\n");
    return 0;
}
