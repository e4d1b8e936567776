// errno values and their strings (strerror, perror) for failing calls.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/mman.h>

#define TRY(label, expr) do { errno = 0; long r_ = (long)(expr); \
    printf("%-28s -> %ld errno %d (%s)\n", label, r_, errno, strerror(errno)); } while (0)

int main(void) {
    char dir[] = "/tmp/x64vm-errno-XXXXXX";
    if (!mkdtemp(dir)) { perror("mkdtemp"); return 1; }
    char path[128], file[128];
    snprintf(path, sizeof path, "%s/missing/file", dir);
    snprintf(file, sizeof file, "%s/file", dir);
    close(open(file, O_CREAT | O_WRONLY, 0644));

    TRY("open missing", open("/nonexistent-x64vm/file", O_RDONLY));
    TRY("open missing dir component", open(path, O_RDONLY));
    TRY("open file as dir", open(strcat(strcpy(path, file), "/x"), O_RDONLY));
    TRY("open dir for writing", open(dir, O_WRONLY));
    TRY("O_EXCL existing", open(file, O_CREAT | O_EXCL | O_RDWR, 0600));
    TRY("mkdir existing", mkdir(dir, 0755));
    TRY("rmdir non-empty", rmdir(dir));
    TRY("rmdir a file", rmdir(file));
    TRY("unlink missing", unlink("/nonexistent-x64vm"));
    TRY("chdir to file", chdir(file));
    TRY("read bad fd", read(12345, path, 1));
    TRY("write bad fd", write(-1, "x", 1));
    TRY("close bad fd", close(999));
    TRY("lseek on pipe", ({ int p[2]; pipe(p); long r = lseek(p[0], 0, SEEK_SET); int e = errno; close(p[0]); close(p[1]); errno = e; r; }));
    TRY("dup2 bad fd", dup2(4000, 5));
    TRY("mmap bad length", (long)mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
    TRY("munmap unaligned", munmap((void *)1, 4096));
    TRY("rename missing", rename("/nonexistent-x64vm/a", "/nonexistent-x64vm/b"));
    TRY("readlink non-link", readlink(file, path, sizeof path));
    TRY("access missing", access("/nonexistent-x64vm", R_OK));
    TRY("name too long", ({ char l[5000]; memset(l, 'a', sizeof l - 1); l[sizeof l - 1] = 0; open(l, O_RDONLY); }));
    TRY("strtol range", (strtol("99999999999999999999", NULL, 10), 0));

    errno = ENOENT;
    perror("perror with ENOENT");
    errno = EACCES;
    perror("perror with EACCES");
    errno = 0;
    perror("perror with 0");
    int codes[] = { 0, EPERM, ENOENT, ESRCH, EINTR, EIO, E2BIG, ENOEXEC, EBADF, ECHILD, EAGAIN, ENOMEM,
                    EACCES, EFAULT, EBUSY, EEXIST, EXDEV, ENOTDIR, EISDIR, EINVAL, EMFILE, ENOTTY, EFBIG,
                    ENOSPC, ESPIPE, EROFS, EPIPE, EDOM, ERANGE, ENOSYS, ENOTEMPTY, ELOOP, ENAMETOOLONG,
                    ETIMEDOUT, ECONNREFUSED, EADDRINUSE };
    for (unsigned i = 0; i < sizeof codes / sizeof codes[0]; i++) printf("%3d %s\n", codes[i], strerror(codes[i]));
    unlink(file);
    rmdir(dir);
    return 0;
}
