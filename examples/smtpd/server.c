/* server.c - sockets and the poll() loop (see server.h). */
#include "server.h"

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "conn.h"
#include "listen.h"
#include "texts.h"

struct client {
    int fd;
    time_t last; /* last byte received */
    struct session s;
};

/* Sends what is pending; -1 when the client is gone. */
static int flush_output(struct client *c)
{
    return conn_send(c->fd, c->s.out, &c->s.outpos, c->s.outlen);
}

/* Reads what there is room for; -1 at end of stream or error. */
static int read_input(struct client *c)
{
    ssize_t r = conn_recv(c->fd, c->s.in, &c->s.inlen, sizeof c->s.in);
    if (r > 0)
        c->last = time(NULL);
    return r < 0 ? -1 : 0;
}

static void drop(struct client **clients, size_t *n, size_t i)
{
    session_end(&clients[i]->s);
    close(clients[i]->fd);
    free(clients[i]);
    clients[i] = clients[--*n];
}

/* Accepts every pending client; -1 when out of descriptors or memory. */
static int accept_clients(int lfd, struct smtpd *srv, struct client **clients,
                          size_t *n)
{
    for (;;) {
        struct client *c;
        int fd = accept(lfd, NULL, NULL);
        if (fd < 0) /* EAGAIN, or an aborted connection: 0 */
            return errno == EMFILE || errno == ENFILE || errno == ENOBUFS ||
                           errno == ENOMEM
                       ? -1
                       : 0;
        c = *n < SERVER_MAX_CLIENTS ? malloc(sizeof *c) : NULL;
        if (c == NULL || fd_nonblocking(fd) != 0) {
            /* refuse politely: a fresh socket takes a short reply */
            char buf[DSN_REPLY_MAX];
            dsn_reply r = dsn_sys_not_accepting_mail(
                smtpd_texts[TEXT_too_many_clients], 421);
            size_t len = dsn_format_ex(
                &r, srv->cfg->no_enhanced ? DSN_FMT_NO_ENHANCED : 0u, buf,
                sizeof buf);
            if (send(fd, buf, len, MSG_NOSIGNAL | MSG_DONTWAIT) < 0) {
                /* nothing more to do for a client we refuse */
            }
            close(fd);
            free(c);
            continue;
        }
        c->fd = fd;
        c->last = time(NULL);
        session_start(&c->s, srv);
        clients[(*n)++] = c;
    }
}

static short wanted_events(const struct session *s)
{
    short ev = 0;
    if (!s->closing && s->inlen < sizeof s->in &&
        s->outlen - s->outpos < SESSION_OUT_HIGH)
        ev |= POLLIN;
    if (s->outpos < s->outlen)
        ev |= POLLOUT;
    return ev;
}

/* Runs one client after poll(); 0 keeps it, -1 drops it. */
static int serve(struct client *c, short revents, time_t now)
{
    struct session *s = &c->s;
    if ((revents & (POLLIN | POLLHUP | POLLERR)) && !s->closing &&
        s->inlen < sizeof s->in) {
        int rc = read_input(c);
        session_process(s);
        if (rc != 0) {
            flush_output(c); /* the replies to what came before EOF */
            return -1;
        }
    }
    if (flush_output(c) != 0)
        return -1;
    /* output drained below the mark: buffered commands may go on */
    session_process(s);
    if (!s->closing && now - c->last >= (time_t)s->srv->cfg->idle_timeout)
        session_close_with(
            s, dsn_net_bad_connection(smtpd_texts[TEXT_idle_timeout], 421));
    if (flush_output(c) != 0 || s->failed)
        return -1;
    return s->closing && s->outpos == s->outlen ? -1 : 0;
}

int server_run(int lfd, struct smtpd *srv, int stop_fd)
{
    struct client *clients[SERVER_MAX_CLIENTS];
    struct pollfd pfd[SERVER_MAX_CLIENTS + 2];
    size_t n = 0, i;
    int rc;
    /* Out of descriptors, the listening socket stays readable: stop
     * polling it for a second rather than spin. */
    time_t accept_paused_until = 0;

    for (;;) {
        size_t polled = n;
        time_t now;
        for (i = 0; i < n; i++) {
            pfd[i + 2].fd = clients[i]->fd;
            pfd[i + 2].events = wanted_events(&clients[i]->s);
        }
        /* a second at most: the idle timeouts are checked each round */
        rc = conn_poll("dsn-smtpd", pfd, n, stop_fd, lfd,
                       time(NULL) >= accept_paused_until ? POLLIN : 0, 1000);
        if (rc <= 0)
            break; /* 0: stop_fd; -1: poll() failed */
        now = time(NULL);
        /* backwards: drop() moves the last client into slot i */
        for (i = polled; i-- > 0;)
            if (serve(clients[i], pfd[i + 2].revents, now) != 0)
                drop(clients, &n, i);
        if ((pfd[1].revents & POLLIN) &&
            accept_clients(lfd, srv, clients, &n) != 0) {
            perror("dsn-smtpd: accept");
            accept_paused_until = now + 1;
        }
    }
    while (n > 0) {
        struct client *c = clients[n - 1];
        session_close_with(
            &c->s, dsn_sys_not_accepting_mail(smtpd_texts[TEXT_shutdown], 421));
        flush_output(c);
        drop(clients, &n, n - 1);
    }
    close(lfd);
    return rc;
}
