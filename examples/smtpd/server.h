/*
 * server.h - the listening socket and the poll() loop.
 *
 * server_listen() (listen.h) makes the listening socket.
 *
 * server_run(lfd, srv, stop_fd) serves clients on lfd until stop_fd is
 * readable (main.c's signal handler writes to it), then sends each client
 * a 421, closes everything and returns 0; -1 when poll() itself fails.
 * Up to SERVER_MAX_CLIENTS at once; the next get 421 4.3.2 at once. A
 * client silent for --idle-timeout seconds (300 by default: RFC 5321
 * 4.5.3.2.7 asks at least 5 minutes) gets 421 4.4.2.
 */
#ifndef SMTPD_SERVER_H
#define SMTPD_SERVER_H

#include <stddef.h>

#include "session.h"

#define SERVER_MAX_CLIENTS 64

int server_run(int lfd, struct smtpd *srv, int stop_fd);

#endif
