/*
 * list.c - `dsn list`: every row of dsn_table.def (dsn_entries[]), or with
 * --registry every code of the IANA registry (dsn_registry[]), as aligned
 * text or as a JSON array of one object per row.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

typedef struct list_settings {
    int json;
    long subject; /* -1: every subject */
    int registry; /* 1: the IANA registry, not the functions */
} list_settings;

static int keep(const list_settings *o, int subject)
{
    return o->subject < 0 || o->subject == subject;
}

/* JSON arrays: "[\n", rows joined by ",\n", "\n]\n"; "[]\n" when empty. */
static void json_row_start(int *rows)
{
    fputs(*rows == 0 ? "[\n  {" : ",\n  {", stdout);
    ++*rows;
}

static void json_end(int rows)
{
    fputs(rows == 0 ? "[]\n" : "\n]\n", stdout);
}

static void json_field(const char *key, const char *value, int first)
{
    printf("%s\"%s\": ", first ? "" : ", ", key);
    cli_put_json_string(stdout, value);
}

static void list_functions(const list_settings *o)
{
    int id, width = 0, rows = 0;
    char status[DSN_STATUS_MAX], function[64];
    for (id = 0; id < (int)DSN_ID_COUNT; id++)
        if ((int)dsn_entries[id].name_len > width)
            width = dsn_entries[id].name_len;
    for (id = 0; id < (int)DSN_ID_COUNT; id++) {
        const dsn_entry *e = &dsn_entries[id];
        const dsn_status st = {e->code / 100, e->subject, e->detail};
        if (!keep(o, e->subject))
            continue;
        dsn_status_format(&st, status, sizeof status);
        if (!o->json) {
            printf("%-*s %d %-7s %s\n", width, dsn_name(id), e->code, status,
                   e->message);
            continue;
        }
        snprintf(function, sizeof function, "dsn_%s", dsn_name(id));
        json_row_start(&rows);
        json_field("function", function, 1);
        json_field("name", dsn_name(id), 0);
        printf(", \"code\": %d", e->code);
        json_field("status", status, 0);
        printf(", \"subject\": %d, \"detail\": %d", e->subject, e->detail);
        json_field("text", e->message, 0);
        printf(", \"variant\": %s}", e->variant ? "true" : "false");
    }
    if (o->json)
        json_end(rows);
}

static void list_registry(const list_settings *o)
{
    int i, rows = 0;
    char status[32], basic[64];
    for (i = 0; i < (int)DSN_REGISTRY_COUNT; i++) {
        const dsn_status_info *r = &dsn_registry[i];
        int deprecated = (r->flags & DSN_STATUS_DEPRECATED) != 0;
        if (!keep(o, r->subject))
            continue;
        snprintf(status, sizeof status, "X.%d.%d", r->subject, r->detail);
        dsn_status_basic_text(r, basic, sizeof basic);
        if (!o->json) {
            printf("%-7s %s (%s%s%s)%s\n", status,
                   *r->text ? r->text : "no sample text", r->reference,
                   *basic ? "; " : "", basic, deprecated ? " deprecated" : "");
            continue;
        }
        json_row_start(&rows);
        json_field("status", status, 1);
        printf(", \"subject\": %d, \"detail\": %d", r->subject, r->detail);
        json_field("text", r->text, 0);
        json_field("basic_codes", basic, 0);
        json_field("reference", r->reference, 0);
        json_field("submitter", r->submitter, 0);
        printf(", \"deprecated\": %s}", deprecated ? "true" : "false");
    }
    if (o->json)
        json_end(rows);
}

enum list_option {
    LIST_JSON = 'j',
    LIST_SUBJECT = 's',
    LIST_REGISTRY = 'r',
};

static const cli_option list_options[] = {
    {LIST_JSON, "json", NULL, "print a JSON array of one object per row"},
    {LIST_SUBJECT, "subject", "N", "keep the codes of subject N only"},
    {LIST_REGISTRY, "registry", NULL,
     "every code of the IANA registry instead"},
};

/* One option or operand (cli_take); CLI_OK or a usage error. */
static int take(void *ctx, int id, const char *arg)
{
    list_settings *o = ctx;
    switch ((enum list_option)id) {
    case LIST_JSON:
        o->json = 1;
        return CLI_OK;
    case LIST_SUBJECT:
        if (cli_parse_int(arg, 0, 999, &o->subject) != 0)
            return cli_usage_error("list: subject '%s' is not a number 0..999",
                                   arg);
        return CLI_OK;
    case LIST_REGISTRY:
        o->registry = 1;
        return CLI_OK;
    }
    return cli_usage_error("list: unexpected argument '%s'", arg);
}

static int run_list(int argc, char **argv)
{
    list_settings o = {0, -1, 0};
    int rc = cli_walk(&cli_command_list, argc, argv, take, &o);
    if (rc != CLI_END)
        return rc;
    if (o.registry)
        list_registry(&o);
    else
        list_functions(&o);
    return cli_flush();
}

const cli_command cli_command_list = {
    "list",
    "",
    "every libdsn function: its name, code, status and text",
    list_options,
    CLI_COUNT(list_options),
    run_list};
