/*
 * dsn-osmtpd-example - an OpenSMTPD filter built on libopensmtpd that
 * rejects unknown recipients through dsn_osmtpd_reject().
 *
 *     filter "dsn" proc-exec "/path/dsn-osmtpd-example [-m MESSAGE] USER..."
 *
 * RCPT TO a local part (any domain, case-insensitive) not among the USERs
 * gets dsn_no_such_user(MESSAGE): "550 5.1.1 No such user" without -m.
 * Every other recipient proceeds. libopensmtpd runs the protocol, and
 * exits when smtpd closes the filter's standard input.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "dsn_osmtpd.h"

/* set once in main() before osmtpd_run(), read by the callback */
static char **users;
static int user_count;
static const char *message;

static int known(const char *addr)
{
    size_t len;
    int i;
    if (*addr == '<')
        addr++;
    len = strcspn(addr, "@>");
    for (i = 0; i < user_count; i++)
        if (strlen(users[i]) == len && strncasecmp(users[i], addr, len) == 0)
            return 1;
    return 0;
}

static void on_rcpt(struct osmtpd_ctx *ctx, const char *rcpt)
{
    dsn_reply r = dsn_no_such_user(message, 0);
    if (known(rcpt) || dsn_osmtpd_reject(ctx, &r) != 0)
        osmtpd_filter_proceed(ctx);
}

int main(int argc, char **argv)
{
    int opt;
    while ((opt = getopt(argc, argv, "m:")) != -1) {
        if (opt != 'm') {
            (void)fputs("usage: dsn-osmtpd-example [-m MESSAGE] USER...\n",
                        stderr);
            return 2;
        }
        message = optarg;
    }
    users = argv + optind;
    user_count = argc - optind;
    osmtpd_register_filter_rcptto(on_rcpt);
    osmtpd_run();
    return 0;
}
