/* texts.c - the array of texts.def (see texts.h). */
#include "texts.h"

const char *const smtpd_texts[TEXT_COUNT] = {
#define SMTPD_TEXT(name, text) [TEXT_##name] = text,
#include "texts.def"
#undef SMTPD_TEXT
};
