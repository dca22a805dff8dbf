/*
 * cmocka_main.h - the main() of every cmocka test program, written once.
 * CMOCKA_MAIN({cmocka_unit_test(a), cmocka_unit_test(b), ...}) at file
 * scope, with no semicolon after it: the braced list is the array of
 * struct CMUnitTest; main() runs those tests in that order as one group
 * (no group setup or teardown) and returns cmocka's count of failures.
 * Include after <cmocka.h>.
 */
#ifndef DSN_TESTS_CMOCKA_MAIN_H
#define DSN_TESTS_CMOCKA_MAIN_H

#define CMOCKA_MAIN(...)                                                       \
    int main(void)                                                             \
    {                                                                          \
        const struct CMUnitTest tests[] = __VA_ARGS__;                         \
        return cmocka_run_group_tests(tests, NULL, NULL);                      \
    }

#endif /* DSN_TESTS_CMOCKA_MAIN_H */
