/*
 * conn.h - what the poll() loops of the example servers (dsn-smtpd,
 * dsn-policyd) share: the wait for the next events, and sending and
 * receiving on a non-blocking client socket.
 *
 * conn_poll(prog, pfd, clients, stop_fd, lfd, lfd_events, timeout) sets
 * pfd[0] to the stop pipe stop_fd (POLLIN) and pfd[1] to the listening
 * socket lfd with lfd_events (lfd -1: not polled), then polls pfd[0] to
 * pfd[clients + 2) (the caller has set the clients') for up to timeout
 * milliseconds (-1: no limit), again after a signal. It returns 1 with the
 * events in revents, 0 when stop_fd is readable (time to stop), or -1 when
 * poll() fails, said on stderr as "prog: poll: why".
 *
 * conn_send(fd, out, pos, len) sends out[*pos..len), advancing *pos: 0
 * when all is sent or the socket takes no more now (POLLOUT says when),
 * -1 when the client is gone.
 *
 * conn_recv(fd, in, len, size) receives what there is room for into
 * in[*len..size), advancing *len: the octets received (0: none there
 * yet), or -1 at the end of the stream or on an error.
 */
#ifndef SMTPD_CONN_H
#define SMTPD_CONN_H

#include <poll.h>
#include <stddef.h>
#include <sys/types.h>

int conn_poll(const char *prog, struct pollfd *pfd, size_t clients, int stop_fd,
              int lfd, short lfd_events, int timeout);
int conn_send(int fd, const char *out, size_t *pos, size_t len);
ssize_t conn_recv(int fd, char *in, size_t *len, size_t size);

#endif
