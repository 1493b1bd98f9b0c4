/* SPDX-License-Identifier: MIT */
/*
 * Host unit build only: give svsm/lib's C library functions other names so
 * they can be linked and tested next to the host libc.  Forced in with
 * -include when compiling the files of lib/ and the tests of lib/ (the
 * Makefile's unit-lib-clash check fails the build if a lib/ symbol would
 * still collide with a host libc symbol).
 */
#ifndef SVSM_TEST_LIB_RENAME_H
#define SVSM_TEST_LIB_RENAME_H

/*
 * lib/libc.h leaves out what host headers declare with other types
 * (setjmp: lib/setjmp.asm is assembled with the svsmlib_ prefix instead).
 */
#define SVSM_LIB_RENAMED 1

/* string.c */
#define memcpy svsmlib_memcpy
#define memmove svsmlib_memmove
#define memset svsmlib_memset
#define memcmp svsmlib_memcmp
#define memchr svsmlib_memchr
#define strlen svsmlib_strlen
#define strnlen svsmlib_strnlen
#define strcmp svsmlib_strcmp
#define strncmp svsmlib_strncmp
#define strchr svsmlib_strchr
#define strrchr svsmlib_strrchr
#define strcpy svsmlib_strcpy
#define strncpy svsmlib_strncpy
#define strcat svsmlib_strcat
#define strdup svsmlib_strdup
#define strspn svsmlib_strspn
#define strcspn svsmlib_strcspn
#define strstr svsmlib_strstr
#define strtok svsmlib_strtok
#define __memcpy_chk svsmlib___memcpy_chk
#define __memset_chk svsmlib___memset_chk
/* ctype.c */
#define __ctype_b_loc svsmlib___ctype_b_loc
#define __ctype_tolower_loc svsmlib___ctype_tolower_loc
#define __ctype_toupper_loc svsmlib___ctype_toupper_loc
/* heap.c */
#define malloc svsmlib_malloc
#define calloc svsmlib_calloc
#define realloc svsmlib_realloc
#define free svsmlib_free
/* printf.c */
#define vsnprintf svsmlib_vsnprintf
#define snprintf svsmlib_snprintf
#define vasprintf svsmlib_vasprintf
#define asprintf svsmlib_asprintf
#define __snprintf_chk svsmlib___snprintf_chk
#define __vsnprintf_chk svsmlib___vsnprintf_chk
#define __asprintf_chk svsmlib___asprintf_chk
#define __vasprintf_chk svsmlib___vasprintf_chk
/* scanf.c */
#define vsscanf svsmlib_vsscanf
#define sscanf svsmlib_sscanf
#define __isoc99_sscanf svsmlib___isoc99_sscanf
/* stdio.c */
#define stdin svsmlib_stdin
#define stdout svsmlib_stdout
#define stderr svsmlib_stderr
#define vfprintf svsmlib_vfprintf
#define fprintf svsmlib_fprintf
#define __fprintf_chk svsmlib___fprintf_chk
#define __vfprintf_chk svsmlib___vfprintf_chk
#define vdprintf svsmlib_vdprintf
#define dprintf svsmlib_dprintf
#define __vdprintf_chk svsmlib___vdprintf_chk
#define __dprintf_chk svsmlib___dprintf_chk
#define fwrite svsmlib_fwrite
#define fputs svsmlib_fputs
#define fputc svsmlib_fputc
#define putc svsmlib_putc
#define fflush svsmlib_fflush
#define fopen svsmlib_fopen
#define fopen64 svsmlib_fopen64
#define fclose svsmlib_fclose
#define fread svsmlib_fread
#define fgets svsmlib_fgets
#define fseek svsmlib_fseek
#define ftell svsmlib_ftell
#define feof svsmlib_feof
#define ferror svsmlib_ferror
#define fileno svsmlib_fileno
#define perror svsmlib_perror
#define remove svsmlib_remove
/* stdlib.c */
#define __errno_location svsmlib___errno_location
#define abort svsmlib_abort
#define __assert_fail svsmlib___assert_fail
#define __stack_chk_fail svsmlib___stack_chk_fail
#define __fdelt_chk svsmlib___fdelt_chk
#define strtol svsmlib_strtol
#define strtoul svsmlib_strtoul
#define strtoll svsmlib_strtoll
#define strtoull svsmlib_strtoull
#define qsort svsmlib_qsort
#define atexit svsmlib_atexit
#define getenv svsmlib_getenv
#define secure_getenv svsmlib_secure_getenv
#define rand svsmlib_rand
#define srand svsmlib_srand
#define strerror svsmlib_strerror
#define __xpg_strerror_r svsmlib___xpg_strerror_r
/* time.c */
#define time svsmlib_time
#define clock svsmlib_clock
#define clock_gettime svsmlib_clock_gettime
#define gettimeofday svsmlib_gettimeofday
#define gmtime_r svsmlib_gmtime_r
/* random.c */
#define getentropy svsmlib_getentropy
#define syscall svsmlib_syscall
/* pthread.c */
#define pthread_once svsmlib_pthread_once
#define pthread_key_create svsmlib_pthread_key_create
#define pthread_key_delete svsmlib_pthread_key_delete
#define pthread_getspecific svsmlib_pthread_getspecific
#define pthread_setspecific svsmlib_pthread_setspecific
#define pthread_self svsmlib_pthread_self
#define pthread_rwlock_init svsmlib_pthread_rwlock_init
#define pthread_rwlock_destroy svsmlib_pthread_rwlock_destroy
#define pthread_rwlock_rdlock svsmlib_pthread_rwlock_rdlock
#define pthread_rwlock_wrlock svsmlib_pthread_rwlock_wrlock
#define pthread_rwlock_unlock svsmlib_pthread_rwlock_unlock
/* posix.c */
#define open svsmlib_open
#define stat svsmlib_stat
#define fstat svsmlib_fstat
#define read svsmlib_read
#define write svsmlib_write
#define close svsmlib_close
#define fcntl svsmlib_fcntl
#define ioctl svsmlib_ioctl
#define opendir svsmlib_opendir
#define readdir svsmlib_readdir
#define closedir svsmlib_closedir
#define tcgetattr svsmlib_tcgetattr
#define tcsetattr svsmlib_tcsetattr
#define select svsmlib_select
#define socket svsmlib_socket
#define accept svsmlib_accept
#define bind svsmlib_bind
#define connect svsmlib_connect
#define listen svsmlib_listen
#define getsockname svsmlib_getsockname
#define getsockopt svsmlib_getsockopt
#define setsockopt svsmlib_setsockopt
#define shutdown svsmlib_shutdown
#define recvmsg svsmlib_recvmsg
#define sendmsg svsmlib_sendmsg
#define getaddrinfo svsmlib_getaddrinfo
#define freeaddrinfo svsmlib_freeaddrinfo
#define gai_strerror svsmlib_gai_strerror
#define getnameinfo svsmlib_getnameinfo
#define h_errno svsmlib_h_errno
#define gethostbyname svsmlib_gethostbyname
#define dlopen svsmlib_dlopen
#define dlsym svsmlib_dlsym
#define dlclose svsmlib_dlclose
#define dlerror svsmlib_dlerror
#define dladdr svsmlib_dladdr
#define mmap svsmlib_mmap
#define munmap svsmlib_munmap
#define mprotect svsmlib_mprotect
#define madvise svsmlib_madvise
#define mlock svsmlib_mlock
#define shmget svsmlib_shmget
#define shmat svsmlib_shmat
#define shmdt svsmlib_shmdt
#define sigaction svsmlib_sigaction
#define signal svsmlib_signal
#define sleep svsmlib_sleep
#define usleep svsmlib_usleep
#define sysconf svsmlib_sysconf
#define uname svsmlib_uname
#define getpid svsmlib_getpid
#define getcontext svsmlib_getcontext
#define setcontext svsmlib_setcontext
#define makecontext svsmlib_makecontext

#endif /* SVSM_TEST_LIB_RENAME_H */
