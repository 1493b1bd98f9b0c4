/* SPDX-License-Identifier: MIT */
/*
 * Host unit build only: give svsm/lib's string functions other names so they
 * can be linked and tested next to the host libc.  Forced in with -include
 * when compiling the files of lib/ and test_string.c.
 */
#ifndef SVSM_TEST_LIB_RENAME_H
#define SVSM_TEST_LIB_RENAME_H

#define memcpy svsmlib_memcpy
#define memmove svsmlib_memmove
#define memset svsmlib_memset
#define memcmp svsmlib_memcmp
#define strlen svsmlib_strlen
#define strnlen svsmlib_strnlen
#define strcmp svsmlib_strcmp
#define strncmp svsmlib_strncmp

#endif /* SVSM_TEST_LIB_RENAME_H */
