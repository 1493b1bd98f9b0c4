// SPDX-License-Identifier: MIT
/*
 * The rest of POSIX that libcrypto and libtpms reference.  The firmware has
 * no files, sockets, shared objects, signals, terminals or processes: each
 * call fails the way the real one does when the resource is absent (-1 or
 * NULL with errno), so the library's own error path runs.  None pretends to
 * succeed.  The exceptions, with real answers: write to fd 1/2 (console),
 * getpid (there is one "process": 1), sysconf(_SC_PAGESIZE), and
 * syscall(SYS_getrandom) / getentropy (random.c).
 */
#include "libc.h"
#include "string.h"
#include "core/platform.h"

/* Stubs ignore their arguments by design. */
#pragma GCC diagnostic ignored "-Wunused-parameter"

#define FAIL(err, ret)                    \
	do {                              \
		lib_errno = (err);        \
		return ret;               \
	} while (0)

/* --- files and descriptors --- */

int open(const char *path, int flags, ...)
{
	(void)path;
	(void)flags;
	FAIL(LIB_ENOENT, -1);
}

int stat(const char *path, void *st)
{
	(void)path;
	(void)st;
	FAIL(LIB_ENOENT, -1);
}

int fstat(int fd, void *st)
{
	(void)fd;
	(void)st;
	FAIL(LIB_EBADF, -1);
}

long read(int fd, void *buf, size_t n)
{
	(void)fd;
	(void)buf;
	(void)n;
	FAIL(LIB_EBADF, -1);
}

long write(int fd, const void *buf, size_t n)
{
	if (fd != 1 && fd != 2)
		FAIL(LIB_EBADF, -1);
	if (n > INT32_MAX)
		n = INT32_MAX;
	platform->console_write(buf, n);
	return (long)n;
}

int close(int fd)
{
	(void)fd;
	FAIL(LIB_EBADF, -1);
}

int fcntl(int fd, int cmd, ...)
{
	(void)fd;
	(void)cmd;
	FAIL(LIB_EBADF, -1);
}

int ioctl(int fd, unsigned long req, ...)
{
	(void)fd;
	(void)req;
	FAIL(LIB_EBADF, -1);
}

void *opendir(const char *path)
{
	(void)path;
	FAIL(LIB_ENOENT, NULL);
}

void *readdir(void *dir)
{
	(void)dir;
	FAIL(LIB_EBADF, NULL);
}

int closedir(void *dir)
{
	(void)dir;
	FAIL(LIB_EBADF, -1);
}

int tcgetattr(int fd, void *t)
{
	(void)fd;
	(void)t;
	FAIL(LIB_ENOTTY, -1);
}

int tcsetattr(int fd, int act, const void *t)
{
	(void)fd;
	(void)act;
	(void)t;
	FAIL(LIB_ENOTTY, -1);
}

int select(int n, void *r, void *w, void *e, void *timeout)
{
	(void)n;
	(void)r;
	(void)w;
	(void)e;
	(void)timeout;
	FAIL(LIB_ENOSYS, -1);
}

/* --- sockets and name resolution --- */

int socket(int domain, int type, int proto)
{
	(void)domain;
	(void)type;
	(void)proto;
	FAIL(LIB_ENOSYS, -1);
}

#define SOCK_FAIL(name, ...)                 \
	int name(__VA_ARGS__)                \
	{                                    \
		FAIL(LIB_EBADF, -1);         \
	}
SOCK_FAIL(accept, int fd, void *addr, void *len)
SOCK_FAIL(bind, int fd, const void *addr, unsigned int len)
SOCK_FAIL(connect, int fd, const void *addr, unsigned int len)
SOCK_FAIL(listen, int fd, int backlog)
SOCK_FAIL(getsockname, int fd, void *addr, void *len)
SOCK_FAIL(getsockopt, int fd, int level, int opt, void *val, void *len)
SOCK_FAIL(setsockopt, int fd, int level, int opt, const void *val,
	  unsigned int len)
SOCK_FAIL(shutdown, int fd, int how)
#undef SOCK_FAIL

long recvmsg(int fd, void *msg, int flags)
{
	(void)fd;
	(void)msg;
	(void)flags;
	FAIL(LIB_EBADF, -1);
}

long sendmsg(int fd, const void *msg, int flags)
{
	(void)fd;
	(void)msg;
	(void)flags;
	FAIL(LIB_EBADF, -1);
}

#define LIB_EAI_SYSTEM (-11)
#define LIB_EAI_FAIL (-4)

int getaddrinfo(const char *node, const char *service, const void *hints,
		void **res)
{
	(void)node;
	(void)service;
	(void)hints;
	*res = NULL;
	lib_errno = LIB_ENOSYS;
	return LIB_EAI_SYSTEM;
}

void freeaddrinfo(void *res)
{
	(void)res; /* getaddrinfo never returns a list */
}

const char *gai_strerror(int err)
{
	(void)err;
	return "name resolution is not available in the SVSM";
}

int getnameinfo(const void *sa, unsigned int salen, char *host,
		unsigned int hostlen, char *serv, unsigned int servlen,
		int flags)
{
	(void)sa;
	(void)salen;
	(void)host;
	(void)hostlen;
	(void)serv;
	(void)servlen;
	(void)flags;
	return LIB_EAI_FAIL;
}

int h_errno;

void *gethostbyname(const char *name)
{
	(void)name;
	h_errno = 3; /* NO_RECOVERY */
	return NULL;
}

/* --- shared objects --- */

static const char dl_msg[] = "dynamic loading is not available in the SVSM";
static bool dl_error_pending;

void *dlopen(const char *file, int mode)
{
	(void)file;
	(void)mode;
	dl_error_pending = true;
	return NULL;
}

void *dlsym(void *handle, const char *name)
{
	(void)handle;
	(void)name;
	dl_error_pending = true;
	return NULL;
}

int dlclose(void *handle)
{
	(void)handle;
	dl_error_pending = true;
	return -1;
}

char *dlerror(void)
{
	if (!dl_error_pending)
		return NULL;
	dl_error_pending = false;
	return (char *)dl_msg;
}

int dladdr(const void *addr, void *info)
{
	(void)addr;
	(void)info;
	return 0; /* "not found" */
}

/* --- memory mapping and shared memory --- */

void *mmap(void *addr, size_t len, int prot, int flags, int fd, long off)
{
	(void)addr;
	(void)len;
	(void)prot;
	(void)flags;
	(void)fd;
	(void)off;
	FAIL(LIB_ENOSYS, LIB_MAP_FAILED);
}

int munmap(void *addr, size_t len)
{
	(void)addr;
	(void)len;
	FAIL(LIB_EINVAL, -1);
}

int mprotect(void *addr, size_t len, int prot)
{
	(void)addr;
	(void)len;
	(void)prot;
	FAIL(LIB_ENOSYS, -1);
}

int madvise(void *addr, size_t len, int advice)
{
	(void)addr;
	(void)len;
	(void)advice;
	FAIL(LIB_ENOSYS, -1);
}

int mlock(const void *addr, size_t len)
{
	(void)addr;
	(void)len;
	FAIL(LIB_ENOSYS, -1);
}

int shmget(int key, size_t size, int flags)
{
	(void)key;
	(void)size;
	(void)flags;
	FAIL(LIB_ENOSYS, -1);
}

void *shmat(int id, const void *addr, int flags)
{
	(void)id;
	(void)addr;
	(void)flags;
	FAIL(LIB_ENOSYS, (void *)-1);
}

int shmdt(const void *addr)
{
	(void)addr;
	FAIL(LIB_EINVAL, -1);
}

/* --- signals, processes, the system --- */

int sigaction(int sig, const void *act, void *old)
{
	(void)sig;
	(void)act;
	(void)old;
	FAIL(LIB_ENOSYS, -1);
}

void *signal(int sig, void *handler)
{
	(void)sig;
	(void)handler;
	FAIL(LIB_ENOSYS, (void *)-1); /* SIG_ERR */
}

unsigned int sleep(unsigned int s)
{
	return s; /* nothing slept: all of it remains */
}

int usleep(unsigned int us)
{
	(void)us;
	FAIL(LIB_ENOSYS, -1);
}

#define LIB_SC_PAGESIZE 30

long sysconf(int name)
{
	if (name == LIB_SC_PAGESIZE)
		return 4096;
	FAIL(LIB_EINVAL, -1);
}

int uname(void *buf)
{
	(void)buf;
	FAIL(LIB_ENOSYS, -1);
}

int getpid(void)
{
	return 1;
}

/* ucontext (OpenSSL's ASYNC jobs): not available, ASYNC reports it. */
int getcontext(void *ucp)
{
	(void)ucp;
	FAIL(LIB_ENOSYS, -1);
}

int setcontext(const void *ucp)
{
	(void)ucp;
	FAIL(LIB_ENOSYS, -1);
}

void makecontext(void *ucp, void (*fn)(void), int argc, ...)
{
	(void)ucp;
	(void)fn;
	(void)argc;
	/* Only reached after a successful getcontext, which never happens. */
	abort();
}
