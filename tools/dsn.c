/*
 * dsn - libdsn's replies, enhanced status codes and reply parser from the
 * shell, for mail administrators reading logs and for scripts.
 *
 *     dsn no_such_user                 550 5.1.1 No such user (CRLF)
 *     dsn reply mbox_full -c 452 --show-crlf
 *     dsn explain 550 5.1.1
 *     dsn parse < replies.txt
 *     dsn list --json --subject 7
 *
 * This file picks the subcommand; tools/cli/ holds one file per
 * subcommand. man/dsn.1 is the manual; exit statuses are in cli/cli.h.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

const char cli_help_text[] =
    "usage: dsn reply NAME [-m MSG] [-c CODE] [-n|--no-enhanced] "
    "[--show-crlf]\n"
    "       dsn NAME [MSG [CODE]]\n"
    "       dsn explain [--color=WHEN] STATUS | CODE STATUS | REPLY-LINE\n"
    "       dsn parse [--strict] [--color=WHEN] < replies\n"
    "       dsn list [--json] [--subject N] [--registry]\n"
    "       dsn --help | --version\n"
    "\n"
    "  reply    print the SMTP reply of libdsn's function dsn_NAME as it goes\n"
    "           on the wire (CRLF line ends; --show-crlf shows them as "
    "\\r\\n).\n"
    "           -m, --message MSG   text instead of the default; a newline in\n"
    "                               MSG starts another reply line\n"
    "           -c, --code CODE     basic reply code instead of the default\n"
    "           -n, --no-enhanced   leave the enhanced status code out\n"
    "  NAME     the short form of reply: an invalid CODE means the default\n"
    "  explain  what an enhanced status code means: its class, subject, IANA\n"
    "           registry entry, what it means for the sender, and the libdsn\n"
    "           functions that send it\n"
    "  parse    read SMTP replies from stdin (CRLF or LF line ends, blank\n"
    "           lines between them) and print each one's fields;\n"
    "           --strict rejects what the lenient default forgives\n"
    "  list     every libdsn function (name, code, status, text), or with\n"
    "           --registry every code of the IANA registry; --subject N keeps\n"
    "           subject N only; --json prints a JSON array\n"
    "\n"
    "--color=WHEN (also before the command) colours what explain and parse\n"
    "print: auto, the default, on a terminal unless NO_COLOR is set or TERM\n"
    "is dumb; always; never. reply and list never colour: they print data.\n"
    "\n"
    "Exit status: 0 success; 1 write error; 2 usage error, unknown name or\n"
    "invalid code; parse: 65 input that is no reply, else 69 a permanent\n"
    "failure (5yz), else 75 a transient one (4yz), else 0.\n";

int cli_help(void)
{
    fputs(cli_help_text, stdout);
    return cli_flush();
}

typedef struct command {
    const char *name;
    int (*run)(int argc, char **argv);
} command;

/* The argument of a global "--color=WHEN" or "--color WHEN" at argv[*i],
 * *i moved past it; NULL (after a usage error) when WHEN is missing. */
static const char *colour_arg(int argc, char **argv, int *i)
{
    const char *word = argv[(*i)++];
    if (word[7] == '=')
        return word + 8;
    if (*i < argc)
        return argv[(*i)++];
    cli_usage_error("option '--color' needs an argument");
    return NULL;
}

int main(int argc, char **argv)
{
    static const command commands[] = {
        {"reply", cli_reply},
        {"explain", cli_explain},
        {"parse", cli_parse},
        {"list", cli_list},
    };
    size_t i;
    int first = 1;

    while (first < argc && strncmp(argv[first], "--color", 7) == 0 &&
           (argv[first][7] == '\0' || argv[first][7] == '=')) {
        const char *when = colour_arg(argc, argv, &first);
        if (when == NULL || cli_set_colour(when) != CLI_OK)
            return CLI_EUSAGE;
    }
    if (first >= argc)
        return cli_usage_error("missing command or NAME");
    if (strcmp(argv[first], "--help") == 0 || strcmp(argv[first], "-h") == 0)
        return cli_help();
    if (strcmp(argv[first], "--version") == 0 ||
        strcmp(argv[first], "-V") == 0) {
        printf("dsn (libdsn) %s\n", dsn_version());
        return cli_flush();
    }
    if (argv[first][0] == '-')
        return cli_usage_error("unknown option '%s'", argv[first]);
    for (i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(argv[first], commands[i].name) == 0)
            return commands[i].run(argc - first, argv + first);
    return cli_short_form(argc - first, argv + first);
}
