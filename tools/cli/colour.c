/*
 * colour.c - whether `dsn explain` and `dsn parse` colour what they print,
 * and the escape sequences that do it.
 *
 * --color=auto (the default) colours only when stdout is a terminal whose
 * TERM is set and not "dumb", and NO_COLOR is unset or empty
 * (https://no-color.org); --color=always and --color=never decide alone.
 * A pipe or a file therefore never receives an escape sequence unless
 * asked to. The state is the program's own, set once from the command
 * line before anything is printed.
 */
#include <stdlib.h>
#include <string.h>

#ifdef _WIN32
#include <io.h>
#define DSN_ISATTY_STDOUT() _isatty(1)
#else
#include <unistd.h>
#define DSN_ISATTY_STDOUT() isatty(STDOUT_FILENO)
#endif

#include "cli.h"

enum { WHEN_AUTO, WHEN_ALWAYS, WHEN_NEVER };

static int when = WHEN_AUTO;
static int decided = -1; /* -1: not yet looked at stdout */

int cli_set_colour(const char *arg)
{
    static const char *const names[] = {"auto", "always", "never"};
    int i;
    for (i = 0; i < 3; i++)
        if (strcmp(arg, names[i]) == 0) {
            when = i;
            decided = -1;
            return 0;
        }
    return cli_usage_error("--color: '%s' is not auto, always or never", arg);
}

static int colour_on(void)
{
    if (decided < 0) {
        const char *no_color = getenv("NO_COLOR"), *term = getenv("TERM");
        if (when != WHEN_AUTO)
            decided = when == WHEN_ALWAYS;
        else
            decided = (no_color == NULL || *no_color == '\0') && term != NULL &&
                      *term != '\0' && strcmp(term, "dumb") != 0 &&
                      DSN_ISATTY_STDOUT();
    }
    return decided;
}

const char *cli_sgr_class(int cls)
{
    /* bold, and the colour of the reply's class: green for success, cyan
     * for "go on", yellow for "try again later", red for "give up" */
    static const char *const sgr[] = {"\033[1;32m", "\033[1;36m", "\033[1;33m",
                                      "\033[1;31m"};
    if (!colour_on())
        return "";
    return cls >= 2 && cls <= 5 ? sgr[cls - 2] : "\033[1m";
}

const char *cli_sgr_bold(void)
{
    return colour_on() ? "\033[1m" : "";
}

const char *cli_sgr_reset(void)
{
    return colour_on() ? "\033[0m" : "";
}
