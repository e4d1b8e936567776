// Linux errno values (x86-64) and the mapping from Node's error codes.

export const EPERM = 1, ENOENT = 2, ESRCH = 3, EINTR = 4, EIO = 5, ENXIO = 6, E2BIG = 7, ENOEXEC = 8,
  EBADF = 9, ECHILD = 10, EAGAIN = 11, ENOMEM = 12, EACCES = 13, EFAULT = 14, ENOTBLK = 15, EBUSY = 16,
  EEXIST = 17, EXDEV = 18, ENODEV = 19, ENOTDIR = 20, EISDIR = 21, EINVAL = 22, ENFILE = 23, EMFILE = 24,
  ENOTTY = 25, ETXTBSY = 26, EFBIG = 27, ENOSPC = 28, ESPIPE = 29, EROFS = 30, EMLINK = 31, EPIPE = 32,
  EDOM = 33, ERANGE = 34, EDEADLK = 35, ENAMETOOLONG = 36, ENOLCK = 37, ENOSYS = 38, ENOTEMPTY = 39,
  ELOOP = 40, ENOMSG = 42, EIDRM = 43, ENODATA = 61, ETIME = 62, EOVERFLOW = 75, EILSEQ = 84,
  ENOTSOCK = 88, EDESTADDRREQ = 89, EMSGSIZE = 90, EPROTOTYPE = 91, ENOPROTOOPT = 92,
  EPROTONOSUPPORT = 93, EOPNOTSUPP = 95, EAFNOSUPPORT = 97, EADDRINUSE = 98, EADDRNOTAVAIL = 99,
  ENETUNREACH = 101, ECONNRESET = 104, ENOBUFS = 105, EISCONN = 106, ENOTCONN = 107, ETIMEDOUT = 110,
  ECONNREFUSED = 111, EALREADY = 114, EINPROGRESS = 115, ENOTSUP = 95, ECANCELED = 125;

const NAMES: Record<number, string> = {};
for (const [k, v] of Object.entries({
  EPERM, ENOENT, ESRCH, EINTR, EIO, ENXIO, E2BIG, ENOEXEC, EBADF, ECHILD, EAGAIN, ENOMEM, EACCES, EFAULT,
  ENOTBLK, EBUSY, EEXIST, EXDEV, ENODEV, ENOTDIR, EISDIR, EINVAL, ENFILE, EMFILE, ENOTTY, ETXTBSY, EFBIG,
  ENOSPC, ESPIPE, EROFS, EMLINK, EPIPE, EDOM, ERANGE, EDEADLK, ENAMETOOLONG, ENOLCK, ENOSYS, ENOTEMPTY,
  ELOOP, ENOMSG, EIDRM, ENODATA, ETIME, EOVERFLOW, EILSEQ, ENOTSOCK, EDESTADDRREQ, EMSGSIZE, EPROTOTYPE,
  ENOPROTOOPT, EPROTONOSUPPORT, EOPNOTSUPP, EAFNOSUPPORT, EADDRINUSE, EADDRNOTAVAIL, ENETUNREACH,
  ECONNRESET, ENOBUFS, EISCONN, ENOTCONN, ETIMEDOUT, ECONNREFUSED, EALREADY, EINPROGRESS, ECANCELED,
})) NAMES[v] ??= k;

export function errnoName(e: number): string { return NAMES[e] ?? `E${e}`; }

/** Map a Node.js system error (err.code such as 'ENOENT') to a Linux errno. */
export function errnoFromNode(err: unknown): number {
  const code = (err as { code?: string })?.code;
  if (code) {
    for (const [num, name] of Object.entries(NAMES)) if (name === code) return +num;
    if (code === 'ERR_FS_FILE_TOO_LARGE') return EFBIG;
  }
  const errno = (err as { errno?: number })?.errno;
  if (typeof errno === 'number' && errno < 0) return -errno; // libuv negative errno on Linux hosts
  return EIO;
}
