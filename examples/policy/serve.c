/* serve.c - dsn-policyd's poll() loop (see serve.h). */
#include "serve.h"

#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "answer.h"
#include "conn.h"
#include "listen.h"

/* Answers waiting to be sent: a client that sends requests without
 * reading is not read from until they are. */
#define OUT_MAX (4 * DSN_POLICY_ACTION_MAX)

struct client {
    int fd;
    size_t inlen, outpos, outlen;
    char in[DSN_POLICY_REQUEST_MAX];
    char out[OUT_MAX];
};

static int may_read(const struct client *c)
{
    return c->inlen < sizeof c->in &&
           sizeof c->out - c->outlen >= DSN_POLICY_ACTION_MAX;
}

/* Answers every whole request in c->in; -1 on a request to refuse. */
static int answer_requests(struct client *c, const struct users *users)
{
    for (;;) {
        dsn_policy_request q;
        int n;
        if (c->outpos == c->outlen)
            c->outpos = c->outlen = 0;
        if (sizeof c->out - c->outlen < DSN_POLICY_ACTION_MAX)
            return 0; /* sent first, answered after */
        n = dsn_policy_parse(c->in, c->inlen, &q);
        if (n == DSN_EINCOMPLETE)
            return 0;
        if (n < 0) {
            (void)fprintf(stderr, "dsn-policyd: client dropped: %s\n",
                          dsn_strerror(n));
            return -1;
        }
        c->outlen +=
            answer(users, &q, c->out + c->outlen, sizeof c->out - c->outlen);
        memmove(c->in, c->in + n, c->inlen - (size_t)n);
        c->inlen -= (size_t)n;
    }
}

/* Sends what is pending; -1 when the client is gone. */
static int flush_output(struct client *c)
{
    return conn_send(c->fd, c->out, &c->outpos, c->outlen);
}

static void drop(struct client **clients, size_t *n, size_t i)
{
    close(clients[i]->fd);
    free(clients[i]);
    clients[i] = clients[--*n];
}

static void accept_clients(int lfd, struct client **clients, size_t *n)
{
    while (*n < POLICY_MAX_CLIENTS) {
        struct client *c;
        int fd = accept(lfd, NULL, NULL);
        if (fd < 0)
            return; /* EAGAIN, an aborted connection, no descriptor */
        c = malloc(sizeof *c);
        if (c == NULL || fd_nonblocking(fd) != 0) {
            close(fd);
            free(c);
            continue;
        }
        c->fd = fd;
        c->inlen = c->outpos = c->outlen = 0;
        clients[(*n)++] = c;
    }
}

/* One client's events: 0 to keep it, -1 to drop it. */
static int serve_client(struct client *c, short revents,
                        const struct users *users)
{
    if ((revents & POLLOUT) && flush_output(c) != 0)
        return -1;
    if (revents & (POLLIN | POLLHUP | POLLERR)) {
        if (conn_recv(c->fd, c->in, &c->inlen, sizeof c->in) < 0)
            return -1;
    }
    /* a full buffer without a whole request: dsn_policy_parse() says
     * DSN_EPOLICYSIZE, and the client goes */
    if (answer_requests(c, users) != 0)
        return -1;
    return flush_output(c);
}

int serve(int lfd, int stop_fd, const struct users *users)
{
    struct client *clients[POLICY_MAX_CLIENTS];
    struct pollfd pfd[POLICY_MAX_CLIENTS + 2];
    size_t n = 0, i;
    int rc;
    for (;;) {
        for (i = 0; i < n; i++) {
            pfd[i + 2].fd = clients[i]->fd;
            pfd[i + 2].events =
                (short)((may_read(clients[i]) ? POLLIN : 0) |
                        (clients[i]->outpos < clients[i]->outlen ? POLLOUT
                                                                 : 0));
        }
        /* a full table leaves the listening socket out: the rest wait */
        rc = conn_poll("dsn-policyd", pfd, n, stop_fd,
                       n < POLICY_MAX_CLIENTS ? lfd : -1, POLLIN, -1);
        if (rc <= 0)
            break; /* 0: stop_fd; -1: poll() failed */
        /* from the last: drop() moves the last client into slot i */
        for (i = n; i-- > 0;)
            if (pfd[i + 2].revents != 0 &&
                serve_client(clients[i], pfd[i + 2].revents, users) != 0)
                drop(clients, &n, i);
        if (pfd[1].revents != 0)
            accept_clients(lfd, clients, &n);
    }
    while (n > 0)
        drop(clients, &n, n - 1);
    return rc;
}
