/* address.c - the paths of MAIL and RCPT (see address.h). */
#include "address.h"

#include <string.h>
#include <strings.h>

/* RFC 5321 4.5.3.1.1 and 4.5.3.1.2 */
#define LOCAL_MAX 64
#define DOMAIN_MAX 255

static int is_atext(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') ||
           (c != '\0' && strchr("!#$%&'*+-/=?^_`{|}~", c) != NULL) ||
           c >= 0x80; /* SMTPUTF8 addresses pass through untouched */
}

/* Dot-string: atoms separated by single dots. */
static int valid_dot_string(const char *s, size_t n)
{
    size_t i;
    if (n == 0 || s[0] == '.' || s[n - 1] == '.')
        return 0;
    for (i = 0; i < n; i++) {
        if (s[i] == '.') {
            if (s[i + 1] == '.')
                return 0;
        } else if (!is_atext((unsigned char)s[i])) {
            return 0;
        }
    }
    return 1;
}

/* Quoted-string: printable ASCII, with backslash pairs. */
static int valid_quoted(const char *s, size_t n)
{
    size_t i;
    if (n < 2 || s[0] != '"' || s[n - 1] != '"')
        return 0;
    for (i = 1; i + 1 < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\\') {
            if (++i + 1 >= n || (unsigned char)s[i] < ' ')
                return 0;
        } else if (c < ' ' || c == 0x7f || c == '"') {
            return 0;
        }
    }
    return 1;
}

static int valid_domain(const char *s, size_t n)
{
    size_t i;
    if (n == 0 || n > DOMAIN_MAX)
        return 0;
    if (s[0] == '[') { /* address literal: checked loosely */
        if (n < 3 || s[n - 1] != ']')
            return 0;
        for (i = 1; i + 1 < n; i++)
            if ((unsigned char)s[i] <= ' ' || s[i] == '[' || s[i] == ']' ||
                s[i] == '\\' || (unsigned char)s[i] == 0x7f)
                return 0;
        return 1;
    }
    if (s[0] == '.' || s[n - 1] == '.' || s[0] == '-')
        return 0;
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '.' ? s[i + 1] == '.'
                     : !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                         (c >= '0' && c <= '9') || c == '-' || c >= 0x80))
            return 0;
    }
    return 1;
}

/* Splits local@domain at the '@' that follows the local part: the last
 * one, since a quoted local part may hold '@'. */
static enum path_result parse_mailbox(const char *s, size_t n,
                                      struct smtp_path *p)
{
    const char *at = NULL;
    size_t i;
    for (i = 0; i < n; i++)
        if (s[i] == '@')
            at = s + i;
    if (at == NULL) {
        /* "<postmaster>" alone, any case (RFC 5321 4.5.1) */
        if (n == 10 && strncasecmp(s, "postmaster", 10) == 0) {
            p->local = s;
            p->local_len = n;
            p->domain = s + n;
            p->domain_len = 0;
            return PATH_OK;
        }
        return PATH_BAD_ADDR;
    }
    p->local = s;
    p->local_len = (size_t)(at - s);
    p->domain = at + 1;
    p->domain_len = n - p->local_len - 1;
    if (p->local_len > LOCAL_MAX ||
        !(valid_dot_string(p->local, p->local_len) ||
          valid_quoted(p->local, p->local_len)) ||
        !valid_domain(p->domain, p->domain_len))
        return PATH_BAD_ADDR;
    return PATH_OK;
}

enum path_result path_parse(const char *arg, struct smtp_path *p)
{
    const char *open, *close, *mbox;
    size_t n;
    int quoted = 0;
    memset(p, 0, sizeof *p);
    open = arg;
    if (*open == ' ')
        open++;
    if (*open != '<')
        return PATH_SYNTAX;
    /* the closing '>' is the first one outside a quoted local part */
    for (close = open + 1; *close != '\0'; close++) {
        if (quoted && *close == '\\' && close[1] != '\0')
            close++;
        else if (*close == '"')
            quoted = !quoted;
        else if (!quoted && *close == '>')
            break;
    }
    if (*close != '>' || (close[1] != '\0' && close[1] != ' '))
        return PATH_SYNTAX;
    p->params = close + 1;
    while (*p->params == ' ')
        p->params++;
    mbox = open + 1;
    n = (size_t)(close - mbox);
    if (n == 0) {
        p->null = 1;
        p->local = p->domain = mbox;
        return PATH_OK;
    }
    if (*mbox == '@') { /* source route: ignored (RFC 5321 4.1.2, C.) */
        const char *colon = memchr(mbox, ':', n);
        if (colon == NULL)
            return PATH_BAD_ADDR;
        n -= (size_t)(colon + 1 - mbox);
        mbox = colon + 1;
    }
    return parse_mailbox(mbox, n, p);
}

int param_next(const char **params, const char **key, size_t *key_len,
               const char **value, size_t *value_len)
{
    const char *s = *params, *eq;
    size_t n;
    while (*s == ' ')
        s++;
    if (*s == '\0')
        return 0;
    n = strcspn(s, " ");
    eq = memchr(s, '=', n);
    *key = s;
    *key_len = eq ? (size_t)(eq - s) : n;
    *value = eq ? eq + 1 : s + n;
    *value_len = eq ? n - *key_len - 1 : 0;
    *params = s + n;
    return 1;
}
