/* command.c - verb and argument of a command line (see command.h). */
#include "command.h"

#include <string.h>
#include <strings.h>

static const struct {
    const char *name;
    enum smtp_verb verb;
} verbs[] = {
    {"HELO", VERB_HELO}, {"EHLO", VERB_EHLO}, {"MAIL", VERB_MAIL},
    {"RCPT", VERB_RCPT}, {"DATA", VERB_DATA}, {"RSET", VERB_RSET},
    {"NOOP", VERB_NOOP}, {"VRFY", VERB_VRFY}, {"QUIT", VERB_QUIT},
};

int starts_with_nocase(const char *s, const char *prefix)
{
    return strncasecmp(s, prefix, strlen(prefix)) == 0;
}

void command_parse(const char *line, struct smtp_command *c)
{
    size_t n = strcspn(line, " "), i;
    c->verb = VERB_UNKNOWN;
    c->arg = line[n] == ' ' ? line + n + 1 : line + n;
    for (i = 0; i < sizeof verbs / sizeof verbs[0]; i++)
        if (n == 4 && strncasecmp(line, verbs[i].name, 4) == 0)
            c->verb = verbs[i].verb;
}
