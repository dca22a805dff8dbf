/*
 * texts.h - dsn-smtpd's own reply texts from texts.def:
 * smtpd_texts[TEXT_bye] is "Bye", and so on.
 */
#ifndef SMTPD_TEXTS_H
#define SMTPD_TEXTS_H

enum smtpd_text_id {
#define SMTPD_TEXT(name, text) TEXT_##name,
#include "texts.def"
#undef SMTPD_TEXT
    TEXT_COUNT
};

extern const char *const smtpd_texts[TEXT_COUNT];

#endif
