/* signals.c - SIGTERM and SIGINT as a readable descriptor (signals.h). */
#include "signals.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

/* The write end of the self-pipe: a signal handler can reach nothing else. */
static int stop_pipe_w = -1;

static void on_stop_signal(int sig)
{
    int saved = errno;
    char c = (char)sig;
    if (write(stop_pipe_w, &c, 1) < 0) {
        /* the pipe already holds a byte: poll() will see it */
    }
    errno = saved;
}

int stop_signals_install(int *stop_fd)
{
    struct sigaction sa;
    int p[2];
    if (pipe(p) != 0 || fcntl(p[1], F_SETFL, O_NONBLOCK) != 0 ||
        fcntl(p[0], F_SETFD, FD_CLOEXEC) != 0 ||
        fcntl(p[1], F_SETFD, FD_CLOEXEC) != 0)
        return -1;
    stop_pipe_w = p[1];
    *stop_fd = p[0];
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    sa.sa_handler = on_stop_signal;
    if (sigaction(SIGTERM, &sa, NULL) != 0 || sigaction(SIGINT, &sa, NULL) != 0)
        return -1;
    sa.sa_handler = SIG_IGN;
    return sigaction(SIGPIPE, &sa, NULL);
}
