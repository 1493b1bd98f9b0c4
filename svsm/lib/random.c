// SPDX-License-Identifier: MIT
/*
 * Random bytes from the CPU: RDSEED (an entropy source, when CPUID.7.0:EBX
 * bit 18 reports it) and RDRAND (CPUID.1:ECX bit 30), each retried a bounded
 * number of times as Intel and AMD recommend.  A failure is reported up,
 * never papered over.  Exposed to the archives as getentropy() and as
 * syscall(SYS_getrandom), which is what OpenSSL 3.0's default seed source
 * calls; every other syscall fails with ENOSYS.
 */
#include "libc.h"
#include "string.h"

#define RDRAND_RETRIES 10
#define RDSEED_RETRIES 100

static int have_seed = -1, have_rand = -1;

static void cpuid(uint32_t leaf, uint32_t sub, uint32_t r[4])
{
	__asm__ volatile("cpuid"
			 : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3])
			 : "a"(leaf), "c"(sub));
}

static void probe(void)
{
	uint32_t r[4];

	cpuid(0, 0, r);
	if (r[0] >= 7) {
		uint32_t l7[4];

		cpuid(7, 0, l7);
		have_seed = (l7[1] >> 18) & 1;
	} else {
		have_seed = 0;
	}
	cpuid(1, 0, r);
	have_rand = (r[2] >> 30) & 1;
}

bool lib_have_rdseed(void)
{
	if (have_seed < 0)
		probe();
	return have_seed;
}

bool lib_have_rdrand(void)
{
	if (have_rand < 0)
		probe();
	return have_rand;
}

static bool rdseed64(uint64_t *v)
{
	for (int i = 0; i < RDSEED_RETRIES; i++) {
		unsigned char ok;

		__asm__ volatile("rdseed %0; setc %1" : "=r"(*v), "=qm"(ok));
		if (ok)
			return true;
		__asm__ volatile("pause");
	}
	return false;
}

static bool rdrand64(uint64_t *v)
{
	for (int i = 0; i < RDRAND_RETRIES; i++) {
		unsigned char ok;

		__asm__ volatile("rdrand %0; setc %1" : "=r"(*v), "=qm"(ok));
		if (ok)
			return true;
	}
	return false;
}

int lib_random_bytes(void *buf, size_t len)
{
	unsigned char *p = buf;

	while (len) {
		uint64_t v;
		size_t n = len < sizeof(v) ? len : sizeof(v);

		if (!(lib_have_rdseed() && rdseed64(&v)) &&
		    !(lib_have_rdrand() && rdrand64(&v)))
			return -1;
		memcpy(p, &v, n);
		v = 0;
		p += n;
		len -= n;
	}
	return 0;
}

/* getentropy(3): at most 256 bytes; EIO if the hardware RNG failed. */
int getentropy(void *buf, size_t len)
{
	if (len > 256) {
		lib_errno = LIB_EIO;
		return -1;
	}
	if (lib_random_bytes(buf, len)) {
		lib_errno = LIB_EIO;
		return -1;
	}
	return 0;
}

long syscall(long nr, ...)
{
	va_list ap;
	void *buf;
	size_t len;

	if (nr != LIB_SYS_getrandom) {
		lib_errno = LIB_ENOSYS;
		return -1;
	}
	va_start(ap, nr);
	buf = va_arg(ap, void *);
	len = va_arg(ap, size_t);
	va_end(ap); /* flags: with a CPU RNG, never blocks */
	if (len > INT32_MAX)
		len = INT32_MAX;
	if (lib_random_bytes(buf, len)) {
		lib_errno = LIB_EIO;
		return -1;
	}
	return (long)len;
}
