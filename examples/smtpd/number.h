/*
 * number.h - a decimal number from the command line, for the example
 * servers (dsn-smtpd, dsn-policyd).
 *
 * parse_number(s, max, out) reads the whole of s as a decimal number in
 * 0..max into *out: digits only (no sign, no blank, no "0x"), and no
 * more than max. It returns 0, or -1 with *out untouched.
 */
#ifndef SMTPD_NUMBER_H
#define SMTPD_NUMBER_H

int parse_number(const char *s, unsigned long long max,
                 unsigned long long *out);

#endif
