/* conn.c - the example servers' poll() and socket I/O (see conn.h). */
#include "conn.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

int conn_poll(const char *prog, struct pollfd *pfd, size_t clients, int stop_fd,
              int lfd, short lfd_events, int timeout)
{
    pfd[0].fd = stop_fd;
    pfd[0].events = POLLIN;
    pfd[1].fd = lfd;
    pfd[1].events = lfd_events;
    while (poll(pfd, (nfds_t)(clients + 2), timeout) < 0) {
        if (errno != EINTR) {
            (void)fprintf(stderr, "%s: poll: %s\n", prog, strerror(errno));
            return -1;
        }
    }
    return pfd[0].revents != 0 ? 0 : 1;
}

/* EAGAIN and EWOULDBLOCK may be one value or two (POSIX allows both). */
static int would_block(void)
{
    return errno == EAGAIN || errno == EWOULDBLOCK;
}

int conn_send(int fd, const char *out, size_t *pos, size_t len)
{
    while (*pos < len) {
        ssize_t w = send(fd, out + *pos, len - *pos, MSG_NOSIGNAL);
        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0)
            return would_block() ? 0 : -1;
        *pos += (size_t)w;
    }
    return 0;
}

ssize_t conn_recv(int fd, char *in, size_t *len, size_t size)
{
    ssize_t r;
    do
        r = recv(fd, in + *len, size - *len, 0);
    while (r < 0 && errno == EINTR);
    if (r < 0)
        return would_block() ? 0 : -1;
    if (r == 0)
        return -1;
    *len += (size_t)r;
    return r;
}
