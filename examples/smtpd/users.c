/* users.c - the local users file (see users.h). */
#include "users.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const kind_names[] = {
    [USER_ACCEPT] = "accept",
    [USER_MULTILINE] = "multiline",
    [USER_LONG] = "long",
    [USER_FULL] = "full",
};

static int is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Splits the next blank-separated field off *p; NULL when none is left. */
static char *next_field(char **p)
{
    char *s = *p, *start;
    while (is_blank(*s))
        s++;
    if (*s == '\0')
        return NULL;
    start = s;
    while (*s != '\0' && !is_blank(*s))
        s++;
    if (*s != '\0')
        *s++ = '\0';
    *p = s;
    return start;
}

static int parse_line(struct users *u, char *line, const char *prog,
                      const char *path, unsigned long lineno)
{
    char *p = line, *local, *kind, *extra, *hash = strchr(line, '#');
    struct user *grown;
    int k = -1, i;
    if (hash != NULL)
        *hash = '\0';
    local = next_field(&p);
    if (local == NULL)
        return 0;
    kind = next_field(&p);
    extra = next_field(&p);
    if (kind == NULL)
        k = USER_ACCEPT;
    for (i = 0;
         kind != NULL && i < (int)(sizeof kind_names / sizeof kind_names[0]);
         i++)
        if (strcmp(kind, kind_names[i]) == 0)
            k = i;
    if (k < 0 || extra != NULL) {
        (void)fprintf(
            stderr,
            "%s: %s:%lu: want 'LOCALPART [accept|multiline|long|full]'\n", prog,
            path, lineno);
        return -1;
    }
    if (strlen(local) > 64) {
        (void)fprintf(stderr, "%s: %s:%lu: local part over 64 octets\n", prog,
                      path, lineno);
        return -1;
    }
    grown = realloc(u->v, (u->n + 1) * sizeof *u->v);
    if (grown == NULL) {
        (void)fprintf(stderr, "%s: out of memory\n", prog);
        return -1;
    }
    u->v = grown;
    u->v[u->n].len = strlen(local);
    u->v[u->n].local = malloc(u->v[u->n].len + 1);
    if (u->v[u->n].local == NULL) {
        (void)fprintf(stderr, "%s: out of memory\n", prog);
        return -1;
    }
    memcpy(u->v[u->n].local, local, u->v[u->n].len + 1);
    u->v[u->n].kind = (enum user_kind)k;
    u->n++;
    return 0;
}

int users_load(struct users *u, const char *prog, const char *path)
{
    char line[1024];
    unsigned long lineno = 0;
    int failed = 0;
    FILE *f = fopen(path, "r");
    u->v = NULL;
    u->n = 0;
    if (f == NULL) {
        perror(path);
        return -1;
    }
    while (fgets(line, sizeof line, f) != NULL) {
        lineno++;
        if (strchr(line, '\n') == NULL && !feof(f)) {
            (void)fprintf(stderr, "%s: %s:%lu: line too long\n", prog, path,
                          lineno);
            failed = 1;
            break;
        }
        if (parse_line(u, line, prog, path, lineno) != 0) {
            failed = 1;
            break;
        }
    }
    if (ferror(f))
        perror(path);
    if (failed || ferror(f)) {
        (void)fclose(f);
        users_free(u);
        return -1;
    }
    (void)fclose(f);
    return 0;
}

const struct user *users_find(const struct users *u, const char *local,
                              size_t len)
{
    size_t i;
    for (i = 0; i < u->n; i++)
        if (u->v[i].len == len && memcmp(u->v[i].local, local, len) == 0)
            return &u->v[i];
    return NULL;
}

void users_free(struct users *u)
{
    size_t i;
    for (i = 0; i < u->n; i++)
        free(u->v[i].local);
    free(u->v);
    u->v = NULL;
    u->n = 0;
}
