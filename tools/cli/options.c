/*
 * options.c - getopt_long-style option parsing without getopt_long, which
 * needs _GNU_SOURCE: the program stays plain C99 and the same everywhere.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

void cli_args_init(cli_args *a, int argc, char **argv)
{
    a->argc = argc;
    a->argv = argv;
    a->next = 1;
    a->cluster = NULL;
    a->only_operands = 0;
    a->arg = NULL;
}

int cli_usage_error(const char *fmt, ...)
{
    va_list ap;
    fputs("dsn: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputs("\nTry 'dsn --help' for more information.\n", stderr);
    return CLI_EUSAGE;
}

int cli_parse_int(const char *s, long min, long max, long *out)
{
    char *end;
    long v;
    errno = 0;
    v = strtol(s, &end, 10);
    if (*s == '\0' || *end != '\0' || errno != 0 || v < min || v > max)
        return -1;
    *out = v;
    return 0;
}

/* The option's argument: the rest of the word, or the next word. */
static int take_arg(cli_args *a, const char *rest, const char *shown)
{
    if (rest != NULL && *rest != '\0') {
        a->arg = rest;
        return 0;
    }
    if (a->next >= a->argc) {
        cli_usage_error("option '%s' needs an argument", shown);
        return -1;
    }
    a->arg = a->argv[a->next++];
    return 0;
}

static int next_short(cli_args *a, const cli_option *opts, size_t count)
{
    char c = *a->cluster++;
    char shown[3] = {'-', c, '\0'};
    size_t i;
    for (i = 0; i < count; i++)
        if (opts[i].short_name != '\0' && opts[i].short_name == c)
            break;
    if (i == count) {
        cli_usage_error("unknown option '%s'", shown);
        return CLI_BAD_OPTION;
    }
    if (opts[i].takes_arg) {
        const char *rest = a->cluster;
        a->cluster = NULL;
        if (take_arg(a, rest, shown) != 0)
            return CLI_BAD_OPTION;
    } else if (*a->cluster == '\0') {
        a->cluster = NULL;
    }
    return (int)i;
}

static int next_long(cli_args *a, const char *word, const cli_option *opts,
                     size_t count)
{
    const char *name = word + 2, *eq = strchr(name, '=');
    size_t len = eq != NULL ? (size_t)(eq - name) : strlen(name), i;
    for (i = 0; i < count; i++)
        if (opts[i].long_name != NULL && strlen(opts[i].long_name) == len &&
            memcmp(opts[i].long_name, name, len) == 0)
            break;
    if (i == count) {
        cli_usage_error("unknown option '%.*s'", (int)(len + 2), word);
        return CLI_BAD_OPTION;
    }
    if (!opts[i].takes_arg) {
        if (eq != NULL) {
            cli_usage_error("option '--%s' takes no argument",
                            opts[i].long_name);
            return CLI_BAD_OPTION;
        }
        return (int)i;
    }
    if (eq != NULL) {
        a->arg = eq + 1; /* "--message=" is an empty argument */
        return (int)i;
    }
    if (take_arg(a, NULL, word) != 0)
        return CLI_BAD_OPTION;
    return (int)i;
}

int cli_next(cli_args *a, const cli_option *opts, size_t count)
{
    const char *word;
    if (a->cluster != NULL)
        return next_short(a, opts, count);
    if (a->next >= a->argc)
        return -1;
    word = a->argv[a->next++];
    if (!a->only_operands && strcmp(word, "--") == 0) {
        a->only_operands = 1;
        return cli_next(a, opts, count);
    }
    /* "-" alone is an operand, as for getopt */
    if (a->only_operands || word[0] != '-' || word[1] == '\0') {
        a->arg = word;
        return CLI_NEXT_OPERAND;
    }
    if (word[1] == '-')
        return next_long(a, word, opts, count);
    a->cluster = word + 1;
    return next_short(a, opts, count);
}
