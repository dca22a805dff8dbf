/* config.c - dsn-smtpd's command line (see config.h). */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: dsn-smtpd [--listen ADDR] [--port N] [--users FILE] "
    "[--domain D]...\n"
    "                 [--maildir DIR] [--max-rcpts N] [--max-size BYTES]\n"
    "                 [--no-enhanced] [--hostname NAME] "
    "[--idle-timeout SECONDS]\n"
    "       dsn-smtpd --help\n"
    "\n"
    "An example SMTP server whose every status reply comes from libdsn.\n"
    "\n"
    "  --listen ADDR     IPv4 or IPv6 address to bind (default 127.0.0.1)\n"
    "  --port N          TCP port, 0 lets the kernel choose (default 2525)\n"
    "  --users FILE      local users, one local part per line, '#' starts a\n"
    "                    comment; optional second field: accept (default),\n"
    "                    multiline (RCPT gets a 3-line 550 5.7.1 reply),\n"
    "                    long (RCPT gets a 550 5.2.1 reply wrapped past 512\n"
    "                    octets) or full (450 4.2.2). Without --users every\n"
    "                    local part is accepted; postmaster always is.\n"
    "  --domain D        a local domain, case-insensitive; repeatable, the\n"
    "                    first replaces the default (localhost)\n"
    "  --maildir DIR     deliver to DIR/new through DIR/tmp (default "
    "./maildir)\n"
    "  --max-rcpts N     recipients per message (default 100)\n"
    "  --max-size BYTES  message size limit (default 10485760)\n"
    "  --no-enhanced     do not advertise ENHANCEDSTATUSCODES, send no\n"
    "                    enhanced status code at all\n"
    "  --hostname NAME   name in the greeting and EHLO reply (default "
    "localhost)\n"
    "  --idle-timeout SECONDS  a client silent this long gets 421 4.4.2 and\n"
    "                    is closed (default 300, RFC 5321's minimum)\n"
    "\n"
    "Once listening, prints 'dsn-smtpd: listening on ADDR:PORT' on stdout.\n"
    "SIGTERM or SIGINT: close every connection and exit 0. Exit status 2:\n"
    "usage error; 1: start-up failure.\n";

static enum config_result usage_error(const char *what, const char *arg)
{
    (void)fprintf(stderr, "dsn-smtpd: %s%s%s\n\n%s", what, arg ? ": " : "",
                  arg ? arg : "", usage);
    return CONFIG_USAGE;
}

static int parse_number(const char *s, unsigned long long max,
                        unsigned long long *out)
{
    char *end;
    unsigned long long v;
    if (*s < '0' || *s > '9')
        return -1;
    errno = 0;
    v = strtoull(s, &end, 10);
    if (*end != '\0' || errno != 0 || v > max)
        return -1;
    *out = v;
    return 0;
}

/* A host name goes into replies: printable, no blanks, 1..255 octets. */
static int valid_name(const char *s)
{
    size_t n = strlen(s), i;
    if (n == 0 || n > 255)
        return 0;
    for (i = 0; i < n; i++)
        if ((unsigned char)s[i] <= ' ' || (unsigned char)s[i] >= 0x7f)
            return 0;
    return 1;
}

enum option {
    OPT_LISTEN,
    OPT_PORT,
    OPT_USERS,
    OPT_DOMAIN,
    OPT_MAILDIR,
    OPT_MAX_RCPTS,
    OPT_MAX_SIZE,
    OPT_NO_ENHANCED,
    OPT_HOSTNAME,
    OPT_IDLE_TIMEOUT,
    OPT_HELP,
    OPT_COUNT
};

static const char *const option_names[OPT_COUNT] = {
    [OPT_LISTEN] = "listen",     [OPT_PORT] = "port",
    [OPT_USERS] = "users",       [OPT_DOMAIN] = "domain",
    [OPT_MAILDIR] = "maildir",   [OPT_MAX_RCPTS] = "max-rcpts",
    [OPT_MAX_SIZE] = "max-size", [OPT_NO_ENHANCED] = "no-enhanced",
    [OPT_HOSTNAME] = "hostname", [OPT_IDLE_TIMEOUT] = "idle-timeout",
    [OPT_HELP] = "help",
};

enum config_result config_parse(struct smtpd_config *cfg, int argc, char **argv)
{
    int i, user_domains = 0;
    memset(cfg, 0, sizeof *cfg);
    cfg->listen = "127.0.0.1";
    cfg->port = 2525;
    cfg->domains[0] = "localhost";
    cfg->ndomains = 1;
    cfg->maildir = "./maildir";
    cfg->max_rcpts = 100;
    cfg->max_size = 10485760;
    cfg->hostname = "localhost";
    cfg->idle_timeout = 300;

    for (i = 1; i < argc; i++) {
        const char *arg = argv[i], *name, *value = NULL, *eq;
        size_t len;
        int k, which = OPT_COUNT;
        unsigned long long n;
        if (strncmp(arg, "--", 2) != 0)
            return usage_error("unexpected argument", arg);
        name = arg + 2;
        eq = strchr(name, '=');
        len = eq ? (size_t)(eq - name) : strlen(name);
        for (k = 0; k < OPT_COUNT; k++)
            if (strlen(option_names[k]) == len &&
                strncmp(option_names[k], name, len) == 0)
                which = k;
        if (which == OPT_COUNT)
            return usage_error("unknown option", arg);
        if (which == OPT_NO_ENHANCED || which == OPT_HELP) {
            if (eq)
                return usage_error("option takes no value", arg);
            if (which == OPT_HELP) {
                (void)fputs(usage, stdout);
                return CONFIG_HELP;
            }
            cfg->no_enhanced = 1;
            continue;
        }
        if (eq)
            value = eq + 1;
        else if (i + 1 < argc)
            value = argv[++i];
        else
            return usage_error("option needs a value", arg);

        switch (which) {
        case OPT_LISTEN:
            cfg->listen = value;
            break;
        case OPT_PORT:
            if (parse_number(value, 65535, &n) != 0)
                return usage_error("--port wants 0..65535", value);
            cfg->port = (unsigned)n;
            break;
        case OPT_USERS:
            cfg->users_file = value;
            break;
        case OPT_DOMAIN:
            if (!valid_name(value))
                return usage_error("bad domain", value);
            if (!user_domains)
                cfg->ndomains = 0;
            user_domains = 1;
            if (cfg->ndomains == SMTPD_MAX_DOMAINS)
                return usage_error("too many --domain options", value);
            cfg->domains[cfg->ndomains++] = value;
            break;
        case OPT_MAILDIR:
            if (*value == '\0')
                return usage_error("--maildir wants a directory", value);
            cfg->maildir = value;
            break;
        case OPT_MAX_RCPTS:
            if (parse_number(value, 1000000, &n) != 0 || n == 0)
                return usage_error("--max-rcpts wants 1..1000000", value);
            cfg->max_rcpts = (unsigned long)n;
            break;
        case OPT_MAX_SIZE:
            /* SIZE's value is at most 20 digits (RFC 1870); keep a
             * margin below overflow for the running count. */
            if (parse_number(value, 1ULL << 62, &n) != 0 || n == 0)
                return usage_error("--max-size wants a positive number", value);
            cfg->max_size = n;
            break;
        case OPT_IDLE_TIMEOUT:
            /* below RFC 5321's 5 minutes only for tests; a day at most */
            if (parse_number(value, 86400, &n) != 0 || n == 0)
                return usage_error("--idle-timeout wants 1..86400", value);
            cfg->idle_timeout = (unsigned long)n;
            break;
        default: /* OPT_HOSTNAME */
            if (!valid_name(value))
                return usage_error("bad host name", value);
            cfg->hostname = value;
            break;
        }
    }
    return CONFIG_RUN;
}
