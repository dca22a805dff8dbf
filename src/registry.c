/* The IANA registry of iana_registry.def as data, and lookups over it. */
#include <string.h>

#include "dsn.h"
#include "sink.h"

/* (451, 550) -> 451, 550; () -> nothing. */
#define DSN_LIST_(...) __VA_ARGS__

/* Each row's associated codes in an array of their own, after a leading 0
 * that keeps an empty list valid C: dsn_basic_1_1_[] = {0, 451, 550}. */
#define DSN_IANA_CODE(subject, detail, text, basic, reference, submitter,      \
                      flags)                                                   \
    static const short dsn_basic_##subject##_##detail##_[] = {                 \
        0, DSN_LIST_ basic};
#include "iana_registry.def"

#define DSN_BASIC_OF_(subject, detail) (dsn_basic_##subject##_##detail##_ + 1)
#define DSN_BASIC_COUNT_(subject, detail)                                      \
    (sizeof(dsn_basic_##subject##_##detail##_) / sizeof(short) - 1)

#define DSN_IANA_CODE(subject, detail, text, basic, reference, submitter,      \
                      flags)                                                   \
    {text,                                                                     \
     reference,                                                                \
     submitter,                                                                \
     sizeof(text) - 1,                                                         \
     subject,                                                                  \
     detail,                                                                   \
     DSN_BASIC_OF_(subject, detail),                                           \
     DSN_BASIC_COUNT_(subject, detail),                                        \
     flags},
const dsn_status_info dsn_registry[DSN_REGISTRY_COUNT] = {
#include "iana_registry.def"
};

/* Subject and detail in one switch key; both are 0..999 when it is used. */
/* clang-format off */
#define DSN_REG_KEY_(subject, detail) ((subject) * 1000 + (detail))
/* clang-format on */

const dsn_status_info *dsn_describe(int subject, int detail)
{
    if (!dsn_status_number_valid(subject) || !dsn_status_number_valid(detail))
        return NULL;
    /* a code listed twice would be a duplicate case label: no build */
    switch (DSN_REG_KEY_(subject, detail)) {
#define DSN_IANA_CODE(subject, detail, text, basic, reference, submitter,      \
                      flags)                                                   \
    case DSN_REG_KEY_(subject, detail):                                        \
        return &dsn_registry[DSN_REG_##subject##_##detail];
#include "iana_registry.def"
    default:
        return NULL;
    }
}

/* The summaries of iana_registry.def's classes and subjects, indexed by
 * their number (NULL where it lists none). */
static const char *const class_names[] = {
#define DSN_IANA_CLASS(cls, summary) [cls] = summary,
#include "iana_registry.def"
};

static const char *const subject_names[] = {
#define DSN_IANA_SUBJECT(subject, summary) [subject] = summary,
#include "iana_registry.def"
};

/* names[i] of the n names, NULL for an i outside them. */
static const char *name_at(const char *const *names, size_t n, int i)
{
    return i >= 0 && (size_t)i < n ? names[i] : NULL;
}

const char *dsn_class_name(int cls)
{
    return name_at(class_names, sizeof class_names / sizeof class_names[0],
                   cls);
}

const char *dsn_subject_name(int subject)
{
    return name_at(subject_names,
                   sizeof subject_names / sizeof subject_names[0], subject);
}

int dsn_status_associated(const dsn_status_info *info, int code)
{
    int i;
    if (info == NULL || !dsn_code_in_range(code))
        return 0;
    for (i = 0; i < info->basic_count; i++) {
        int b = info->basic[i];
        if (b == code)
            return 1;
        if (b == DSN_BASIC_ANY && code / 100 != 3)
            return 1;
        if (b >= 2 && b <= 5 && code / 100 == b)
            return 1;
    }
    return 0;
}

size_t dsn_status_basic_text(const dsn_status_info *info, char *buf,
                             size_t size)
{
    dsn_sink o = dsn_sink_make(buf, size);
    int i;
    for (i = 0; info != NULL && i < info->basic_count; i++) {
        int b = info->basic[i];
        char tmp[8];
        size_t n = 0;
        if (i > 0)
            tmp[n++] = ',';
        if (b == DSN_BASIC_ANY) {
            memcpy(tmp + n, "Any", 3);
            n += 3;
        } else if (b >= 2 && b <= 5) {
            tmp[n++] = (char)('0' + b);
            tmp[n++] = 'X';
            tmp[n++] = 'X';
        } else {
            /* reply codes are three digits: 200..599 */
            tmp[n++] = (char)('0' + b / 100);
            tmp[n++] = (char)('0' + b / 10 % 10);
            tmp[n++] = (char)('0' + b % 10);
        }
        dsn_sink_put(&o, tmp, n);
    }
    return dsn_sink_end(&o);
}
