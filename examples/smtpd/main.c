/*
 * dsn-smtpd - an example SMTP server whose every status reply comes from
 * libdsn. main.c: command line, users file, maildir, signals, then the
 * poll() loop of server.c. See README.md and `dsn-smtpd --help`.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "config.h"
#include "listen.h"
#include "server.h"
#include "session.h"
#include "signals.h"
#include "users.h"

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
        if (users_load(&users, "dsn-smtpd", cfg.users_file) != 0)
            return 1;
        srv.users = &users;
    }
    if (maildir_prepare(&srv.md, cfg.maildir) != 0) {
        (void)fprintf(stderr, "dsn-smtpd: --maildir %s: %s\n", cfg.maildir,
                      strerror(errno));
        return 1;
    }
    if (stop_signals_install(&stop_fd) != 0) {
        perror("dsn-smtpd: signals");
        return 1;
    }
    lfd = server_listen("dsn-smtpd", cfg.listen, (unsigned)cfg.port, shown,
                        sizeof shown);
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
