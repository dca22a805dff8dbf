/*
 * listen.h - a listening TCP socket for the example servers (dsn-smtpd,
 * dsn-policyd).
 *
 * server_listen(prog, addr, port, shown, size) binds a non-blocking TCP
 * socket to the numeric address addr and port (0: the kernel chooses) and
 * writes "ADDR:PORT" with the port really bound into shown ("[ADDR]:PORT"
 * for IPv6). It returns the socket or -1 with the reason on stderr,
 * prefixed "prog: ".
 *
 * fd_nonblocking(fd) sets O_NONBLOCK: 0, or -1 with errno set.
 */
#ifndef SMTPD_LISTEN_H
#define SMTPD_LISTEN_H

#include <stddef.h>

int server_listen(const char *prog, const char *addr, unsigned port,
                  char *shown, size_t size);
int fd_nonblocking(int fd);

#endif
