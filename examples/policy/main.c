/*
 * dsn-policyd - an example Postfix policy server (check_policy_service)
 * whose rejections come from libdsn: unknown recipients get
 * "action=550 5.1.1 No such user". See README.md and `dsn-policyd --help`.
 *
 * main.c: the command line (getopt_long), the users file, the signals and
 * the listening socket (shared with examples/smtpd), then serve.c's loop.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "listen.h"
#include "number.h"
#include "serve.h"
#include "signals.h"
#include "users.h"

static const char usage[] =
    "usage: dsn-policyd --users FILE [--listen ADDR] [--port N]\n"
    "       dsn-policyd --help\n"
    "\n"
    "An example Postfix policy server (check_policy_service) that refuses\n"
    "unknown addresses with libdsn replies.\n"
    "\n"
    "  -u, --users FILE   local parts, one per line, as dsn-smtpd's: an\n"
    "                     optional second field multiline, long or full\n"
    "                     refuses a listed one too; postmaster is accepted\n"
    "  -l, --listen ADDR  IPv4 or IPv6 address to bind (default 127.0.0.1)\n"
    "  -p, --port N       TCP port, 0 lets the kernel choose (default 10040)\n"
    "  -h, --help         this text\n"
    "\n"
    "At protocol_state RCPT the recipient is checked, at MAIL the sender;\n"
    "a refused one gets dsn_policy_action()'s response, anything else\n"
    "action=DUNNO. Once listening, prints 'dsn-policyd: listening on\n"
    "ADDR:PORT' on stdout. SIGTERM or SIGINT: close every connection and\n"
    "exit 0. Exit status 2: usage error; 1: start-up failure.\n";

struct config {
    const char *users;
    const char *listen;
    unsigned port;
};

enum option_id {
    OPT_USERS = 'u',
    OPT_LISTEN = 'l',
    OPT_PORT = 'p',
    OPT_HELP = 'h'
};

static const struct option options[] = {
    {"users", required_argument, NULL, OPT_USERS},
    {"listen", required_argument, NULL, OPT_LISTEN},
    {"port", required_argument, NULL, OPT_PORT},
    {"help", no_argument, NULL, OPT_HELP},
    {NULL, 0, NULL, 0},
};

static int usage_error(const char *what, const char *arg)
{
    (void)fprintf(stderr, "dsn-policyd: %s%s%s\n\n%s", what,
                  arg != NULL ? ": " : "", arg != NULL ? arg : "", usage);
    return 2;
}

/* 0 to run, 1 after --help, 2 on a usage error (printed). */
static int parse_options(struct config *cfg, int argc, char **argv)
{
    int opt;
    unsigned long long port;
    cfg->users = NULL;
    cfg->listen = "127.0.0.1";
    cfg->port = 10040;
    opterr = 0;
    while ((opt = getopt_long(argc, argv, ":u:l:p:h", options, NULL)) != -1) {
        switch (opt) {
        case OPT_USERS:
            cfg->users = optarg;
            break;
        case OPT_LISTEN:
            cfg->listen = optarg;
            break;
        case OPT_PORT:
            if (parse_number(optarg, 65535, &port) != 0)
                return usage_error("--port wants 0..65535", optarg);
            cfg->port = (unsigned)port;
            break;
        case OPT_HELP:
            (void)fputs(usage, stdout);
            return 1;
        case ':':
            return usage_error("option needs a value", argv[optind - 1]);
        case '?': /* unknown, or --help=VALUE */
        default:  /* getopt_long returns nothing else */
            return usage_error("unknown option", argv[optind - 1]);
        }
    }
    if (optind < argc)
        return usage_error("unexpected argument", argv[optind]);
    if (cfg->users == NULL)
        return usage_error("--users is required", NULL);
    return 0;
}

int main(int argc, char **argv)
{
    struct config cfg;
    struct users users;
    char shown[128];
    int lfd, stop_fd, rc;

    rc = parse_options(&cfg, argc, argv);
    if (rc != 0)
        return rc == 1 ? 0 : 2;
    if (users_load(&users, "dsn-policyd", cfg.users) != 0)
        return 1;
    if (stop_signals_install(&stop_fd) != 0) {
        perror("dsn-policyd: signals");
        users_free(&users);
        return 1;
    }
    lfd =
        server_listen("dsn-policyd", cfg.listen, cfg.port, shown, sizeof shown);
    if (lfd < 0) {
        users_free(&users);
        return 1;
    }
    /* the one line tests and scripts wait for */
    printf("dsn-policyd: listening on %s\n", shown);
    (void)fflush(stdout);
    rc = serve(lfd, stop_fd, &users);
    users_free(&users);
    return rc == 0 ? 0 : 1;
}
