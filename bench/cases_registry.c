/* Cases E and F: a function found by its name, as a server's
 * configuration names it, and a status code described from the registry. */
#include <stdio.h>

#include "bench.h"
#include "dsn.h"
#include "dsn/registry.h"

/* E: every row's name in turn; one call looks them all up */
static size_t e_lib(char *buf, size_t size)
{
    size_t found = 0;
    int id;
    (void)size;
    for (id = 0; id < (int)DSN_ID_COUNT; id++) {
        dsn_reply r;
        const dsn_entry *e = &dsn_entries[id];
        found += dsn_by_name(e->name, e->name_len, NULL, 0, &r) == id;
        buf[0] = (char)r.code; /* the reply leaves the op */
    }
    return found == DSN_ID_COUNT ? found : 0;
}

/* F: every registered code in turn */
static size_t f_lib(char *buf, size_t size)
{
    size_t found = 0, i;
    (void)size;
    for (i = 0; i < DSN_REGISTRY_COUNT; i++) {
        const dsn_status_info *info =
            dsn_describe(dsn_registry[i].subject, dsn_registry[i].detail);
        found += info == &dsn_registry[i];
        buf[0] = info != NULL ? info->text[0] : 0;
    }
    return found == DSN_REGISTRY_COUNT ? found : 0;
}

static const bench_case cases[] = {
    {'E', "dsn_by_name of every function (per name)", DSN_ID_COUNT, e_lib, NULL,
     NULL},
    {'F', "dsn_describe of every registry code (per code)", DSN_REGISTRY_COUNT,
     f_lib, NULL, NULL},
};

size_t bench_cases_registry(const bench_case **out)
{
    char tmp[8];
    if (e_lib(tmp, sizeof tmp) == 0 || f_lib(tmp, sizeof tmp) == 0) {
        fprintf(stderr, "bench: case E or F does not find its rows\n");
        return 0;
    }
    *out = cases;
    return sizeof cases / sizeof cases[0];
}
