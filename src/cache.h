/* cache.h — the cache file (cache.c): where it lives, its header and
 * section directory, writing it atomically, mapping and checking it, and the
 * fingerprints of the source files it stands for. The format is
 * doc/cache-format.md; the sections are cache_layout.h's. */
#ifndef DOSSIER_CACHE_H
#define DOSSIER_CACHE_H

#include "image.h"

/* Bumped whenever the header, the directory or the meaning of a section
 * changes (a section's own version is in cache_layout.c's table). */
#define CACHE_FORMAT 2

/* A file modified less than this before it was read may be modified again
 * within the same timestamp (file systems keep times to between a
 * nanosecond and 2 s): its size and mtime cannot prove it unchanged, so its
 * content hash is compared instead (FILE_RACY). */
#define CACHE_RACY_NS (2LL * 1000000000LL)

/* XXH3-64 of data: the cache's checksum and each source file's content hash. */
HIDDEN uint64_t content_hash(const void *data, size_t n);
/* CLOCK_REALTIME in nanoseconds. */
HIDDEN int64_t wall_clock_ns(void);

/* The cache file of corpus dir under opts into path: 1 when there is one
 * to use, 0 when caching is off, -1 when no place can be found (why says
 * so: no home directory, no absolute path). */
HIDDEN int cache_location(const char *dir, const dossier_open_opts *opts, char *path, size_t size,
                          char *why, size_t why_size);

/* The sections of the cache file at path, mapped read-only, after every
 * check of the header (magic, byte order, format, machine, build), the size,
 * the checksum and the directory. DOSSIER_ERR_NOTFOUND when there is no
 * file; DOSSIER_ERR_INVALID with why[] when it fails a check. */
HIDDEN dossier_status cache_map(const char *path, image *im, char *why, size_t why_size);

/* The same checks on a cache image in memory (cache_map's, and the
 * fuzzer's); im's sections point into data. */
HIDDEN dossier_status cache_check(const unsigned char *data, size_t len, image *im, char *why,
                                  size_t why_size);

/* Writes im's sections to path: a temporary file in the same directory,
 * fsync, rename, so a reader sees the old file or the new one, never part
 * of one. The directory is made when missing. When mapped is not NULL and
 * the file can be mapped, it gets the file's sections (mapped->map NULL
 * otherwise); *sum (when not NULL) the file's checksum. */
HIDDEN dossier_status cache_write(const char *path, const image *im, image *mapped, uint64_t *sum,
                                  char *why, size_t why_size);

/* Writes data[0, len) to path as cache_write writes a cache (a temporary
 * file beside it, then rename), without the fsync: for files beside the
 * cache that carry their own checksum, where a crash leaves at worst a file
 * its reader refuses. */
HIDDEN dossier_status cache_write_bytes(const char *path, const void *data, size_t len, char *why,
                                        size_t why_size);

/* DOSSIER_BUILD_ID: the build of the core, which files beside the cache
 * record as the cache's header does. */
HIDDEN const char *cache_build_id(void);

/* Writes the checksum of the cache image data[0, len) into its header, as
 * cache_write does: tests and the fuzzer change bytes, then seal them, so
 * the checks behind the checksum are reached. */
HIDDEN void cache_seal(unsigned char *data, size_t len);

/* Fingerprint of the source file at path before it is read at read_ns:
 * size and mtime, FILE_RACY when modified too recently, FILE_ABSENT when
 * missing. The content hash is the reader's to fill. */
HIDDEN void file_stat(const char *path, int64_t read_ns, file_rec *r);
/* The same of the file name in the directory open as dir_fd (fstatat: the
 * directory's path is not walked again for every file). */
HIDDEN void file_stat_at(int dir_fd, const char *name, int64_t read_ns, file_rec *r);

#endif
