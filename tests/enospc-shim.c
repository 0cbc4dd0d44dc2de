/* SPDX-License-Identifier: GPL-3.0-or-later */
/* enospc-shim.c — LD_PRELOAD shim: a disk that fills up
 *
 * With NB_ENOSPC_AFTER=N in the environment, write() to regular files
 * succeeds for N bytes in all, then fails with ENOSPC, as a full disk
 * does (the last write may be short). Used by test-safe-write to show a
 * save on a full disk leaves the previous document intact.
 */
/* Linux only (LD_PRELOAD): meson builds it there alone. */
#ifdef __linux__
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

static ssize_t (*real_write) (int, const void *, size_t);
static long long budget = -2;

ssize_t
write (int         fd,
       const void *buf,
       size_t      count)
{
  struct stat st;

  if (real_write == NULL)
    real_write = (ssize_t (*) (int, const void *, size_t)) dlsym (RTLD_NEXT, "write");
  if (budget == -2)
    {
      const char *env = getenv ("NB_ENOSPC_AFTER");
      budget = env ? atoll (env) : -1;
    }
  if (budget >= 0 && fd > 2 && fstat (fd, &st) == 0 && S_ISREG (st.st_mode))
    {
      if (budget == 0)
        {
          errno = ENOSPC;
          return -1;
        }
      if ((long long) count > budget)
        count = (size_t) budget;
      budget -= (long long) count;
    }
  return real_write (fd, buf, count);
}

#endif /* __linux__ */
