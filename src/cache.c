/* cache.c — the cache file: a header, a directory of sections, the sections.
 *
 * doc/cache-format.md is the description for readers of the file. In short:
 * a 128-byte header (magic, byte-order mark, format version, file size,
 * checksum, the machine's sizes, the build of the core that wrote it), then
 * SEC_COUNT directory entries of 64 bytes (name, id, version, record size,
 * offset, size, count), then each section at a 64-byte aligned offset. The
 * checksum is XXH3-64 (Debian's libxxhash, used header-only) over the whole
 * file with the checksum field zero. Everything read from a file is checked
 * before it is trusted: a cache that fails any check is rebuilt. */
#define _GNU_SOURCE /* madvise(MADV_DONTNEED), realpath, fallocate */
#include "cache.h"

#define XXH_INLINE_ALL
#include <xxhash.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* The build of the core (a hash of its sources, from the Makefile): a cache
 * written by another build may make terms or passages differently, so it is
 * rebuilt rather than read. */
#ifndef DOSSIER_BUILD_ID
#define DOSSIER_BUILD_ID DOSSIER_VERSION " " __DATE__ " " __TIME__
#endif

#define MAGIC "DOSSIERC"
#define BYTE_ORDER_MARK 0x01020304u
#define FOREIGN_ORDER_MARK 0x04030201u
#define ALIGN 64
#define TEMP_MAX_AGE_S 3600 /* temporary files of writers that died are removed after this */

typedef struct {
    char magic[8];
    uint32_t byte_order; /* BYTE_ORDER_MARK, written in the machine's order */
    uint32_t format;     /* CACHE_FORMAT */
    uint64_t file_size;
    uint64_t checksum; /* XXH3-64 of the file with this field zero */
    uint32_t header_size;
    uint32_t n_sections;
    uint32_t abi[6]; /* the machine's sizes the records depend on */
    char build[64];  /* DOSSIER_BUILD_ID, NUL-padded */
} cache_header;

typedef struct {
    char name[16];
    uint32_t id, version, record, reserved;
    uint64_t offset, size, count, reserved2;
} cache_dirent;

_Static_assert(sizeof(cache_header) == 128, "cache header is 128 bytes");
_Static_assert(sizeof(cache_dirent) == 64, "directory entries are 64 bytes");

static void machine_abi(uint32_t abi[6]) {
    abi[0] = (uint32_t)sizeof(void *);
    abi[1] = (uint32_t)sizeof(size_t);
    abi[2] = (uint32_t)sizeof(dossier_passage);
    abi[3] = (uint32_t)sizeof(dossier_mention);
    abi[4] = (uint32_t)sizeof(double);
    abi[5] = (uint32_t) _Alignof(max_align_t);
}

uint64_t content_hash(const void *data, size_t n) {
    return XXH3_64bits(data, n);
}

int64_t wall_clock_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_REALTIME, &t);
    return (int64_t)t.tv_sec * 1000000000LL + t.tv_nsec;
}

/* ------------------------------------------------------------ where */

static int put_path(char *path, size_t size, const char *fmt, const char *a, const char *b,
                    const char *c) {
    int n = snprintf(path, size, fmt, a, b, c);
    return n > 0 && (size_t)n < size;
}

int cache_location(const char *dir, const dossier_open_opts *opts, char *path, size_t size,
                   char *why, size_t why_size) {
    dossier_cache_mode mode = opts ? opts->cache : DOSSIER_CACHE_AUTO;
    const char *where = opts ? opts->cache_dir : NULL;
    why[0] = '\0';
    if (mode == DOSSIER_CACHE_AUTO) {
        const char *env = getenv("DOSSIER_CACHE");
        mode = DOSSIER_CACHE_USER;
        if (env && *env) {
            if (strcmp(env, "off") == 0)
                mode = DOSSIER_CACHE_OFF;
            else if (strcmp(env, "corpus") == 0)
                mode = DOSSIER_CACHE_CORPUS;
            else if (strcmp(env, "user") != 0)
                mode = DOSSIER_CACHE_DIR, where = env;
        }
    }
    if (mode == DOSSIER_CACHE_OFF) return 0;
    char abs[4096];
    if (!realpath(dir, abs)) {
        snprintf(why, why_size, "%s: no absolute path for the cache: %s", dir, strerror(errno));
        return -1;
    }
    if (mode == DOSSIER_CACHE_CORPUS) {
        if (!put_path(path, size, "%s/%s%s", abs, ".dossier-cache", "")) goto too_long;
        return 1;
    }
    char base[4096];
    if (mode == DOSSIER_CACHE_DIR) {
        if (!where || !*where) {
            snprintf(why, why_size, "no cache directory given");
            return -1;
        }
        if (!put_path(base, sizeof base, "%s%s%s", where, "", "")) goto too_long;
    } else {
        const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
        if (xdg && xdg[0] == '/') { /* the spec ignores relative values */
            if (!put_path(base, sizeof base, "%s/%s%s", xdg, "dossier", "")) goto too_long;
        } else if (home && *home) {
            if (!put_path(base, sizeof base, "%s/%s%s", home, ".cache/dossier", "")) goto too_long;
        } else {
            snprintf(why, why_size, "no cache directory: neither XDG_CACHE_HOME nor HOME is set");
            return -1;
        }
    }
    /* named by the corpus's absolute path: its last part, for people, and a hash */
    const char *name = strrchr(abs, '/');
    name = name && name[1] ? name + 1 : "root";
    char file[96];
    snprintf(file, sizeof file, "%.48s-%016llx.dcache", name,
             (unsigned long long)content_hash(abs, strlen(abs)));
    if (!put_path(path, size, "%s/%s%s", base, file, "")) goto too_long;
    return 1;
too_long:
    snprintf(why, why_size, "%s: the cache path is too long", dir);
    return -1;
}

/* ------------------------------------------------------------ reading */

static uint64_t checksum_of(const unsigned char *data, size_t len) {
    XXH3_state_t st;
    XXH3_INITSTATE(&st);
    XXH3_64bits_reset(&st);
    cache_header h;
    memcpy(&h, data, sizeof h);
    h.checksum = 0;
    XXH3_64bits_update(&st, &h, sizeof h);
    XXH3_64bits_update(&st, data + sizeof h, len - sizeof h);
    return XXH3_64bits_digest(&st);
}

dossier_status cache_check(const unsigned char *data, size_t len, image *im, char *why,
                           size_t why_size) {
    memset(im->s, 0, sizeof im->s);
    if (len == 0) return refuse(why, why_size, "the cache file is empty");
    if (len < sizeof(cache_header))
        return refuse(why, why_size, "the cache file is truncated (%zu bytes)", len);
    cache_header h;
    memcpy(&h, data, sizeof h);
    if (memcmp(h.magic, MAGIC, sizeof h.magic) != 0)
        return refuse(why, why_size, "not a Dossier cache file");
    if (h.byte_order == FOREIGN_ORDER_MARK)
        return refuse(why, why_size, "the cache was written on a machine of the other byte order");
    if (h.byte_order != BYTE_ORDER_MARK) return refuse(why, why_size, "bad byte-order mark");
    if (h.format != CACHE_FORMAT)
        return refuse(why, why_size, "cache format %u (this build reads %u)", h.format,
                      CACHE_FORMAT);
    uint32_t abi[6];
    machine_abi(abi);
    if (h.header_size != sizeof h || memcmp(h.abi, abi, sizeof abi) != 0)
        return refuse(why, why_size, "the cache was written for another kind of machine");
    char build[sizeof h.build] = {0};
    strncpy(build, DOSSIER_BUILD_ID, sizeof build - 1);
    if (memcmp(h.build, build, sizeof build) != 0)
        return refuse(why, why_size, "the cache was written by another build of Dossier");
    if (h.file_size != len)
        return refuse(why, why_size,
                      "the cache file is truncated or padded (%zu bytes, header says %llu)", len,
                      (unsigned long long)h.file_size);
    if (checksum_of(data, len) != h.checksum)
        return refuse(why, why_size, "the cache's checksum does not match its content");
    if (h.n_sections != SEC_COUNT) return refuse(why, why_size, "the cache has other sections");
    size_t dir_end = sizeof h + (size_t)SEC_COUNT * sizeof(cache_dirent);
    if (len < dir_end) return refuse(why, why_size, "the cache's directory is truncated");
    for (int i = 0; i < SEC_COUNT; i++) {
        cache_dirent e;
        memcpy(&e, data + sizeof h + (size_t)i * sizeof e, sizeof e);
        const section_kind *k = &cache_sections[i];
        char name[sizeof e.name + 1];
        memcpy(name, e.name, sizeof e.name);
        name[sizeof e.name] = '\0';
        if (e.id != (uint32_t)i || strcmp(name, k->name) != 0)
            return refuse(why, why_size, "section %d is '%s', not '%s'", i, name, k->name);
        if (e.version != k->version || e.record != k->record)
            return refuse(why, why_size, "section '%s' is version %u (this build reads %u)",
                          k->name, e.version, k->version);
        if (e.offset % ALIGN || e.offset < dir_end || e.offset > len || e.size > len - e.offset ||
            e.size % k->record || e.count != e.size / k->record)
            return refuse(why, why_size, "section '%s' is out of the file", k->name);
        im->s[i].data = e.size ? data + e.offset : NULL;
        im->s[i].size = e.size;
        im->s[i].count = e.count;
    }
    im->checksum = h.checksum;
    return DOSSIER_OK;
}

dossier_status cache_map(const char *path, image *im, char *why, size_t why_size) {
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT) return DOSSIER_ERR_NOTFOUND;
        if (errno == EISDIR) return refuse(why, why_size, "%s is a directory", path);
        return refuse(why, why_size, "%s: %s", path, strerror(errno));
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        int is_dir = S_ISDIR(st.st_mode);
        close(fd);
        return refuse(why, why_size, is_dir ? "%s is a directory" : "%s is not a regular file",
                      path);
    }
    size_t len = (size_t)st.st_size;
    if (len < sizeof(cache_header)) {
        close(fd);
        return len ? refuse(why, why_size, "the cache file is truncated (%zu bytes)", len)
                   : refuse(why, why_size, "the cache file is empty");
    }
    void *map = mmap(NULL, len, PROT_READ, MAP_SHARED, fd, 0);
    close(fd);
    if (map == MAP_FAILED)
        return refuse(why, why_size, "%s: cannot map: %s", path, strerror(errno));
    dossier_status s = cache_check(map, len, im, why, why_size);
    if (s) {
        munmap(map, len);
        return s;
    }
    uint64_t sum = im->checksum;
    /* the checksum read every page: give them back, the corpus faults in
     * what it uses (the kernel's page cache keeps them for the next open) */
    madvise(map, len, MADV_DONTNEED);
    im->map = map;
    im->map_len = len;
    im->checksum = sum;
    return DOSSIER_OK;
}

/* ------------------------------------------------------------ writing */

/* The header and directory of im's sections, and each section's offset. */
static size_t layout(const image *im, cache_header *h, cache_dirent *dir) {
    memset(h, 0, sizeof *h);
    memcpy(h->magic, MAGIC, sizeof h->magic);
    h->byte_order = BYTE_ORDER_MARK;
    h->format = CACHE_FORMAT;
    h->header_size = sizeof *h;
    h->n_sections = SEC_COUNT;
    machine_abi(h->abi);
    strncpy(h->build, DOSSIER_BUILD_ID, sizeof h->build - 1);
    size_t at = sizeof *h + (size_t)SEC_COUNT * sizeof *dir;
    for (int i = 0; i < SEC_COUNT; i++) {
        cache_dirent *e = &dir[i];
        memset(e, 0, sizeof *e);
        strncpy(e->name, cache_sections[i].name, sizeof e->name);
        e->id = (uint32_t)i;
        e->version = cache_sections[i].version;
        e->record = cache_sections[i].record;
        at = (at + ALIGN - 1) / ALIGN * ALIGN;
        e->offset = at;
        e->size = im->s[i].size;
        e->count = im->s[i].size / cache_sections[i].record;
        at += e->size;
    }
    h->file_size = at;
    return at;
}

/* Writes n bytes, or says why not. */
static int write_all(int fd, const void *p, size_t n, XXH3_state_t *st) {
    const char *b = p;
    if (st) XXH3_64bits_update(st, p, n);
    while (n) {
        ssize_t w = write(fd, b, n);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return 0;
        b += w;
        n -= (size_t)w;
    }
    return 1;
}

static const char zeros[ALIGN];

/* The file's bytes in order: header, directory, each section after its padding. */
static int write_image(int fd, const image *im, cache_header *h, const cache_dirent *dir) {
    XXH3_state_t st;
    XXH3_INITSTATE(&st);
    XXH3_64bits_reset(&st);
    if (!write_all(fd, h, sizeof *h, &st) ||
        !write_all(fd, dir, (size_t)SEC_COUNT * sizeof *dir, &st))
        return 0;
    size_t at = sizeof *h + (size_t)SEC_COUNT * sizeof *dir;
    for (int i = 0; i < SEC_COUNT; i++) {
        if (dir[i].offset > at && !write_all(fd, zeros, dir[i].offset - at, &st)) return 0;
        at = dir[i].offset;
        if (im->s[i].size && !write_all(fd, im->s[i].data, im->s[i].size, &st)) return 0;
        at += im->s[i].size;
    }
    h->checksum = XXH3_64bits_digest(&st);
    return pwrite(fd, &h->checksum, sizeof h->checksum, offsetof(cache_header, checksum)) ==
           (ssize_t)sizeof h->checksum;
}

/* mkdir -p, each new directory private to the user (as XDG asks). */
static int make_dirs(const char *dir) {
    char tmp[4096];
    size_t n = strlen(dir);
    if (n >= sizeof tmp) return 0;
    memcpy(tmp, dir, n + 1);
    for (size_t i = 1; i <= n; i++)
        if (tmp[i] == '/' || tmp[i] == '\0') {
            char ch = tmp[i];
            tmp[i] = '\0';
            if (mkdir(tmp, 0700) != 0 && errno != EEXIST) return 0;
            tmp[i] = ch;
        }
    struct stat st;
    return stat(dir, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Removes temporary files of this cache left by writers that died. */
static void remove_stale_temps(const char *dir, const char *base) {
    DIR *d = opendir(dir);
    if (!d) return;
    char prefix[512];
    snprintf(prefix, sizeof prefix, "%s.tmp-", base);
    size_t pn = strlen(prefix);
    time_t now = time(NULL);
    struct dirent *e;
    while ((e = readdir(d))) {
        if (strncmp(e->d_name, prefix, pn) != 0) continue;
        char p[4096];
        struct stat st;
        if (snprintf(p, sizeof p, "%s/%s", dir, e->d_name) >= (int)sizeof p) continue;
        if (lstat(p, &st) == 0 && S_ISREG(st.st_mode) && now - st.st_mtime > TEMP_MAX_AGE_S)
            unlink(p);
    }
    closedir(d);
}

/* A new temporary file beside path (its directory made when missing, stale
 * temporaries of writers that died removed, a directory in path's place
 * removed when empty), open for reading and writing, its name in tmp; -1
 * with why[] when there is none. */
static int open_temp(const char *path, const void *salt, char *tmp, size_t tmp_size, char *why,
                     size_t why_size) {
    char dir[4096];
    size_t n = strlen(path);
    const char *slash = strrchr(path, '/');
    if (!slash || n >= sizeof dir) return refuse(why, why_size, "%s: not a cache path", path), -1;
    memcpy(dir, path, (size_t)(slash - path));
    dir[slash - path] = '\0';
    if (!make_dirs(dir))
        return refuse(why, why_size, "cannot make %s: %s", dir, strerror(errno)), -1;
    remove_stale_temps(dir, slash + 1);
    struct stat st;
    if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode) && rmdir(path) != 0)
        return refuse(why, why_size, "%s is a directory", path), -1;
    static const char hex[] = "0123456789abcdef";
    uint64_t r = (uint64_t)wall_clock_ns() ^ ((uint64_t)getpid() << 32) ^ (uint64_t)(uintptr_t)salt;
    char tag[17];
    for (int i = 0; i < 16; i++)
        tag[i] = hex[(r >> (4 * i)) & 15];
    tag[16] = '\0';
    snprintf(tmp, tmp_size, "%s.tmp-%ld-%s", path, (long)getpid(), tag);
    int fd = open(tmp, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0644); /* read too: mapped after */
    if (fd < 0) refuse(why, why_size, "cannot write in %s: %s", dir, strerror(errno));
    return fd;
}

dossier_status cache_write_bytes(const char *path, const void *data, size_t len, char *why,
                                 size_t why_size) {
    char tmp[4096 + 64];
    int fd = open_temp(path, data, tmp, sizeof tmp, why, why_size);
    if (fd < 0) return DOSSIER_ERR_IO;
    int ok = write_all(fd, data, len, NULL), saved = errno;
    if (ok && rename(tmp, path) != 0) ok = 0, saved = errno;
    close(fd);
    if (!ok) {
        unlink(tmp);
        refuse(why, why_size, "cannot write %s: %s", path, strerror(saved));
        return DOSSIER_ERR_IO;
    }
    return DOSSIER_OK;
}

const char *cache_build_id(void) {
    return DOSSIER_BUILD_ID;
}

dossier_status cache_write(const char *path, const image *im, image *mapped, uint64_t *sum,
                           char *why, size_t why_size) {
    char tmp[4096 + 64];
    int fd = open_temp(path, im, tmp, sizeof tmp, why, why_size);
    if (fd < 0) return DOSSIER_ERR_IO;
    cache_header h;
    cache_dirent dirents[SEC_COUNT];
    layout(im, &h, dirents);
#ifdef __linux__
    /* the blocks in one go: ext4's delayed allocation of a 200 MB file
     * otherwise costs several times the copy itself. Only a hint. */
    (void)fallocate(fd, 0, 0, (off_t)h.file_size);
#endif
    int ok = write_image(fd, im, &h, dirents);
    int saved = errno;
    ok = ok && fsync(fd) == 0;
    if (!ok) saved = errno;
    if (ok && rename(tmp, path) != 0) ok = 0, saved = errno;
    if (!ok) {
        close(fd);
        unlink(tmp);
        return refuse(why, why_size, "cannot write %s: %s", path, strerror(saved));
    }
    if (sum) *sum = h.checksum;
    /* this file, not whatever another writer renamed there since */
    void *map = mapped ? mmap(NULL, h.file_size, PROT_READ, MAP_SHARED, fd, 0) : MAP_FAILED;
    close(fd);
    if (map != MAP_FAILED) {
        memset(mapped, 0, sizeof *mapped);
        mapped->map = map;
        mapped->map_len = h.file_size;
        mapped->checksum = h.checksum;
        for (int i = 0; i < SEC_COUNT; i++) {
            mapped->s[i].data =
                dirents[i].size ? (const unsigned char *)map + dirents[i].offset : NULL;
            mapped->s[i].size = dirents[i].size;
            mapped->s[i].count = dirents[i].count;
        }
    }
    return DOSSIER_OK;
}

void cache_seal(unsigned char *data, size_t len) {
    if (len < sizeof(cache_header)) return;
    uint64_t sum = checksum_of(data, len);
    memcpy(data + offsetof(cache_header, checksum), &sum, sizeof sum);
}

/* ------------------------------------------------------------ source files */

void file_stat(const char *path, int64_t read_ns, file_rec *r) {
    file_stat_at(AT_FDCWD, path, read_ns, r);
}

void file_stat_at(int dir_fd, const char *name, int64_t read_ns, file_rec *r) {
    struct stat st;
    memset(r, 0, sizeof *r);
    if (fstatat(dir_fd, name, &st, 0) != 0) {
        r->flags = FILE_ABSENT;
        return;
    }
    r->size = (uint64_t)st.st_size;
    r->mtime_ns = (int64_t)st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec;
    if (r->mtime_ns > read_ns - CACHE_RACY_NS) r->flags |= FILE_RACY;
}
