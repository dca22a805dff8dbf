/*
 * dsn-smtpd - an example SMTP server whose every status reply comes from
 * libdsn. main.c: command line, users file, maildir, signals, then the
 * poll() loop of server.c. See README.md and `dsn-smtpd --help`.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "server.h"
#include "session.h"
#include "users.h"

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

static int install_signals(int *stop_fd)
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

int main(int argc, char **argv)
{
    struct smtpd_config cfg;
    struct users users;
    struct smtpd srv;
    char shown[128];
    int lfd, stop_fd, rc;

    switch (config_parse(&cfg, argc, argv)) {
    case CONFIG_HELP:
        return 0;
    case CONFIG_USAGE:
        return 2;
    case CONFIG_RUN:
        break;
    }
    srv.cfg = &cfg;
    srv.users = NULL;
    if (cfg.users_file != NULL) {
        if (users_load(&users, cfg.users_file) != 0)
            return 1;
        srv.users = &users;
    }
    if (maildir_prepare(&srv.md, cfg.maildir) != 0) {
        (void)fprintf(stderr, "dsn-smtpd: --maildir %s: %s\n", cfg.maildir,
                      strerror(errno));
        return 1;
    }
    if (install_signals(&stop_fd) != 0) {
        perror("dsn-smtpd: signals");
        return 1;
    }
    lfd = server_listen(cfg.listen, cfg.port, shown, sizeof shown);
    if (lfd < 0)
        return 1;
    /* the one line tests and scripts wait for */
    printf("dsn-smtpd: listening on %s\n", shown);
    (void)fflush(stdout);
    rc = server_run(lfd, &srv, stop_fd);
    if (srv.users != NULL)
        users_free(&users);
    return rc == 0 ? 0 : 1;
}
