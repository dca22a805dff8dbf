/* config.c - dsn-smtpd's command line (see config.h). */
#include "config.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "number.h"

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

struct option;

/* Takes one option's value (NULL for an option without one) into cfg:
 * CONFIG_RUN to go on, CONFIG_HELP or CONFIG_USAGE (printed) to stop. */
typedef enum config_result option_setter(struct smtpd_config *cfg,
                                         const struct option *o,
                                         const char *value);

/* One option: its name, whether it takes a value, what takes it, where
 * (an offset into smtpd_config), set_number's range, and the complaint
 * about a value it refuses. */
struct option {
    const char *name;
    int takes_value;
    option_setter *set;
    size_t field;
    unsigned long long min, max;
    const char *complaint;
};

static option_setter set_text, set_directory, set_name, set_domain, set_number,
    set_flag, show_help;

#define FIELD(member) offsetof(struct smtpd_config, member)

static const struct option options[] = {
    {"listen", 1, set_text, FIELD(listen), 0, 0, NULL},
    {"port", 1, set_number, FIELD(port), 0, 65535, "--port wants 0..65535"},
    {"users", 1, set_text, FIELD(users_file), 0, 0, NULL},
    {"domain", 1, set_domain, 0, 0, 0, "bad domain"},
    {"maildir", 1, set_directory, FIELD(maildir), 0, 0,
     "--maildir wants a directory"},
    {"max-rcpts", 1, set_number, FIELD(max_rcpts), 1, 1000000,
     "--max-rcpts wants 1..1000000"},
    /* SIZE's value is at most 20 digits (RFC 1870); keep a margin below
     * overflow for the running count. */
    {"max-size", 1, set_number, FIELD(max_size), 1, 1ULL << 62,
     "--max-size wants a positive number"},
    {"no-enhanced", 0, set_flag, FIELD(no_enhanced), 0, 0, NULL},
    {"hostname", 1, set_name, FIELD(hostname), 0, 0, "bad host name"},
    /* below RFC 5321's 5 minutes only for tests; a day at most */
    {"idle-timeout", 1, set_number, FIELD(idle_timeout), 1, 86400,
     "--idle-timeout wants 1..86400"},
    {"help", 0, show_help, 0, 0, 0, NULL},
};

#define OPTION_COUNT (sizeof options / sizeof options[0])

/* The member of cfg at o->field, as a T. */
#define MEMBER(T, cfg, o) ((T *)(void *)((char *)(cfg) + (o)->field))

static enum config_result set_text(struct smtpd_config *cfg,
                                   const struct option *o, const char *value)
{
    *MEMBER(const char *, cfg, o) = value;
    return CONFIG_RUN;
}

static enum config_result set_directory(struct smtpd_config *cfg,
                                        const struct option *o,
                                        const char *value)
{
    if (*value == '\0')
        return usage_error(o->complaint, value);
    return set_text(cfg, o, value);
}

static enum config_result set_name(struct smtpd_config *cfg,
                                   const struct option *o, const char *value)
{
    if (!valid_name(value))
        return usage_error(o->complaint, value);
    return set_text(cfg, o, value);
}

/* Repeatable; config_parse() puts the default in when none is given. */
static enum config_result set_domain(struct smtpd_config *cfg,
                                     const struct option *o, const char *value)
{
    if (!valid_name(value))
        return usage_error(o->complaint, value);
    if (cfg->ndomains == SMTPD_MAX_DOMAINS)
        return usage_error("too many --domain options", value);
    cfg->domains[cfg->ndomains++] = value;
    return CONFIG_RUN;
}

static enum config_result set_number(struct smtpd_config *cfg,
                                     const struct option *o, const char *value)
{
    unsigned long long n;
    if (parse_number(value, o->max, &n) != 0 || n < o->min)
        return usage_error(o->complaint, value);
    *MEMBER(unsigned long long, cfg, o) = n;
    return CONFIG_RUN;
}

static enum config_result set_flag(struct smtpd_config *cfg,
                                   const struct option *o, const char *value)
{
    (void)value;
    *MEMBER(int, cfg, o) = 1;
    return CONFIG_RUN;
}

static enum config_result show_help(struct smtpd_config *cfg,
                                    const struct option *o, const char *value)
{
    (void)cfg;
    (void)o;
    (void)value;
    (void)fputs(usage, stdout);
    return CONFIG_HELP;
}

/* The option "--NAME" or "--NAME=..." of arg names, or NULL. */
static const struct option *option_named(const char *arg)
{
    const char *name = arg + 2;
    size_t len = strcspn(name, "="), k;
    for (k = 0; k < OPTION_COUNT; k++)
        if (strlen(options[k].name) == len &&
            strncmp(options[k].name, name, len) == 0)
            return &options[k];
    return NULL;
}

enum config_result config_parse(struct smtpd_config *cfg, int argc, char **argv)
{
    enum config_result rc = CONFIG_RUN;
    int i;
    memset(cfg, 0, sizeof *cfg);
    cfg->listen = "127.0.0.1";
    cfg->port = 2525;
    cfg->maildir = "./maildir";
    cfg->max_rcpts = 100;
    cfg->max_size = 10485760;
    cfg->hostname = "localhost";
    cfg->idle_timeout = 300;

    for (i = 1; i < argc && rc == CONFIG_RUN; i++) {
        const char *arg = argv[i], *eq = strchr(arg, '='), *value = NULL;
        const struct option *o;
        if (strncmp(arg, "--", 2) != 0)
            return usage_error("unexpected argument", arg);
        o = option_named(arg);
        if (o == NULL)
            return usage_error("unknown option", arg);
        if (!o->takes_value && eq != NULL)
            return usage_error("option takes no value", arg);
        if (o->takes_value && eq != NULL)
            value = eq + 1;
        else if (o->takes_value && i + 1 < argc)
            value = argv[++i];
        else if (o->takes_value)
            return usage_error("option needs a value", arg);
        rc = o->set(cfg, o, value);
    }
    /* the first --domain replaces the default */
    if (cfg->ndomains == 0)
        cfg->domains[cfg->ndomains++] = "localhost";
    return rc;
}
