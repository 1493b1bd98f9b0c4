// SPDX-License-Identifier: MIT
/*
 * pthreads for one thread: the SVSM runs its library code on one CPU at a
 * time with nothing preempting it.  Once-control, thread-specific keys and
 * rwlocks keep their real semantics for a single thread, including the
 * errors a real implementation reports for self-deadlock (EDEADLK) and
 * unlocking a lock that is not held (EPERM).
 */
#include "libc.h"
#include "core/log.h"

#define ONCE_RUNNING 1
#define ONCE_DONE 2

int pthread_once(lib_pthread_once_t *once, void (*fn)(void))
{
	if (*once == ONCE_DONE)
		return 0;
	if (*once == ONCE_RUNNING)
		panic("pthread_once: recursive call (would deadlock)");
	*once = ONCE_RUNNING;
	fn();
	*once = ONCE_DONE;
	return 0;
}

static struct {
	bool used;
	const void *value;
} keys[LIB_PTHREAD_KEYS_MAX];

int pthread_key_create(lib_pthread_key_t *key, void (*dtor)(void *))
{
	(void)dtor; /* the one thread never exits */
	for (unsigned int i = 0; i < LIB_PTHREAD_KEYS_MAX; i++) {
		if (!keys[i].used) {
			keys[i].used = true;
			keys[i].value = NULL;
			*key = i;
			return 0;
		}
	}
	return LIB_EAGAIN;
}

int pthread_key_delete(lib_pthread_key_t key)
{
	if (key >= LIB_PTHREAD_KEYS_MAX || !keys[key].used)
		return LIB_EINVAL;
	keys[key].used = false;
	keys[key].value = NULL;
	return 0;
}

void *pthread_getspecific(lib_pthread_key_t key)
{
	if (key >= LIB_PTHREAD_KEYS_MAX || !keys[key].used)
		return NULL;
	return (void *)keys[key].value;
}

int pthread_setspecific(lib_pthread_key_t key, const void *value)
{
	if (key >= LIB_PTHREAD_KEYS_MAX || !keys[key].used)
		return LIB_EINVAL;
	keys[key].value = value;
	return 0;
}

unsigned long pthread_self(void)
{
	return 1;
}

int pthread_rwlock_init(lib_pthread_rwlock_t *l, const void *attr)
{
	(void)attr;
	l->s.readers = 0;
	l->s.writer = 0;
	return 0;
}

int pthread_rwlock_destroy(lib_pthread_rwlock_t *l)
{
	if (l->s.readers || l->s.writer)
		return LIB_EBUSY;
	return 0;
}

int pthread_rwlock_rdlock(lib_pthread_rwlock_t *l)
{
	if (l->s.writer)
		return LIB_EDEADLK;
	l->s.readers++;
	return 0;
}

int pthread_rwlock_wrlock(lib_pthread_rwlock_t *l)
{
	if (l->s.writer || l->s.readers)
		return LIB_EDEADLK;
	l->s.writer = 1;
	return 0;
}

int pthread_rwlock_unlock(lib_pthread_rwlock_t *l)
{
	if (l->s.writer) {
		l->s.writer = 0;
		return 0;
	}
	if (l->s.readers) {
		l->s.readers--;
		return 0;
	}
	return LIB_EPERM;
}
