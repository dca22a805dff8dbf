/*
 * signals.h - SIGTERM and SIGINT as a readable descriptor, for the
 * poll() loops of the example servers (the self-pipe trick: a signal
 * handler may only write()).
 *
 * stop_signals_install(&stop_fd) makes SIGTERM and SIGINT write a byte
 * to a pipe whose read end it stores in stop_fd, and ignores SIGPIPE
 * (a client that goes away is seen as a failed send()). 0, or -1 with
 * errno set.
 */
#ifndef SMTPD_SIGNALS_H
#define SMTPD_SIGNALS_H

int stop_signals_install(int *stop_fd);

#endif
