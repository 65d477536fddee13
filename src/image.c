/* image.c — sections of a corpus, the hash tables and varints stored in them. */
#include "image.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

void image_put(image *im, int id, const void *rec, size_t n) {
    sb_append(&im->owned[id], (const char *)rec, n);
}

void image_seal(image *im) {
    for (int i = 0; i < SEC_COUNT; i++) {
        if (!im->owned[i].data) continue;
        im->s[i].data = (const unsigned char *)im->owned[i].data;
        im->s[i].size = im->owned[i].len;
        im->s[i].count = im->owned[i].len / cache_sections[i].record;
    }
}

int image_own(image *im) {
    for (int i = 0; i < SEC_COUNT; i++) {
        section *x = &im->s[i];
        if (!x->size || x->data == (const unsigned char *)im->owned[i].data) continue;
        strbuf b = {0};
        sb_append(&b, (const char *)x->data, x->size);
        if (b.failed) return 0;
        sb_free(&im->owned[i]);
        im->owned[i] = b;
        x->data = (const unsigned char *)b.data;
    }
    return 1;
}

int image_failed(const image *im) {
    for (int i = 0; i < SEC_COUNT; i++)
        if (im->owned[i].failed) return 1;
    return 0;
}

void image_free(image *im) {
    for (int i = 0; i < SEC_COUNT; i++)
        sb_free(&im->owned[i]);
    if (im->map) munmap(im->map, im->map_len);
    if (im->base_map) munmap(im->base_map, im->base_map_len);
    memset(im, 0, sizeof *im);
}

/* ------------------------------------------------------------ keytab */

keytab keytab_view(const section *slots, const section *entries, size_t stride,
                   const section *pool) {
    keytab t = {0};
    size_t cap = slots->size / sizeof(uint32_t);
    if (cap == 0 || (cap & (cap - 1)) != 0 || !pool->size) return t;
    t.slots = (const uint32_t *)(const void *)slots->data;
    t.cap = cap;
    t.entries = entries->data;
    t.stride = stride;
    t.n = entries->size / stride;
    t.pool = (const char *)pool->data;
    t.pool_len = pool->size;
    return t;
}

const char *keytab_key(const keytab *t, size_t i, size_t *len) {
    if (i >= t->n) {
        if (len) *len = 0;
        return "";
    }
    key_ref k;
    memcpy(&k, t->entries + i * t->stride, sizeof k);
    if (k.off >= t->pool_len || k.len > t->pool_len - k.off - 1 || t->pool[k.off + k.len] != '\0') {
        if (len) *len = 0;
        return "";
    }
    if (len) *len = k.len;
    return t->pool + k.off;
}

int keytab_keys_valid(const keytab *t) {
    for (size_t i = 0; i < t->n; i++) {
        key_ref k;
        memcpy(&k, t->entries + i * t->stride, sizeof k);
        if (k.off >= t->pool_len || k.len > t->pool_len - k.off - 1 ||
            t->pool[k.off + k.len] != '\0')
            return 0;
    }
    return 1;
}

long keytab_find(const keytab *t, const char *key, size_t n) {
    if (!t->cap) return -1;
    size_t mask = t->cap - 1, j = hash_bytes(key, n) & mask;
    for (size_t probes = 0; probes < t->cap; probes++, j = (j + 1) & mask) {
        uint32_t v = t->slots[j];
        if (v == 0) return -1;
        size_t len;
        const char *k = keytab_key(t, v - 1, &len);
        if (len == n && memcmp(k, key, n) == 0 && v - 1 < t->n) return (long)(v - 1);
    }
    return -1; /* a full table: only a corrupt one */
}

int keytab_build(image *im, int id, const unsigned char *entries, size_t stride, size_t n,
                 const char *pool) {
    size_t cap = 16;
    while (cap < 2 * n + 1)
        cap *= 2;
    uint32_t *slots = calloc(cap, sizeof *slots);
    if (!slots) return 0;
    for (size_t i = 0; i < n; i++) {
        key_ref k;
        memcpy(&k, entries + i * stride, sizeof k);
        size_t j = hash_bytes(pool + k.off, k.len) & (cap - 1);
        while (slots[j])
            j = (j + 1) & (cap - 1);
        slots[j] = (uint32_t)(i + 1);
    }
    image_put(im, id, slots, cap * sizeof *slots);
    free(slots);
    return !im->owned[id].failed;
}

/* ------------------------------------------------------------ vocabularies */

int vocab_start(vocab_build *v, image *im, int pool, const keytab *old, const section *old_pool) {
    memset(v, 0, sizeof *v);
    v->im = im;
    v->pool = pool;
    if (!old || !old->n) {
        image_put(im, pool, "", 1); /* offset 0 is "" */
        return !image_failed(im);
    }
    v->old = *old;
    image_put(im, pool, old_pool->data, old_pool->size);
    if (!grow((void **)&v->keys, &v->cap, old->n + 1, sizeof *v->keys)) return 0;
    for (size_t i = 0; i < old->n; i++)
        memcpy(&v->keys[i], old->entries + i * old->stride, sizeof *v->keys);
    v->n = old->n;
    return !image_failed(im);
}

long vocab_intern(vocab_build *v, const char *s, size_t n) {
    long id = keytab_find(&v->old, s, n);
    if (id >= 0) return id;
    if ((id = strmap_get(&v->fresh, s, n)) >= 0) return id;
    strbuf *pool = &v->im->owned[v->pool];
    if (!grow((void **)&v->keys, &v->cap, v->n + 1, sizeof *v->keys)) return -2;
    id = (long)v->n;
    v->keys[v->n] = (key_ref){(uint32_t)pool->len, (uint32_t)n};
    sb_append(pool, s, n);
    sb_putc(pool, '\0');
    if (pool->failed || pool->len > UINT32_MAX || !strmap_put(&v->fresh, s, n, id)) return -2;
    v->n++;
    return id;
}

void vocab_free(vocab_build *v) {
    strmap_free(&v->fresh);
    free(v->keys);
    memset(v, 0, sizeof *v);
}

/* ------------------------------------------------------------ varints */

void varint_put(strbuf *b, uint64_t v) {
    char tmp[10];
    size_t n = 0;
    do {
        unsigned char byte = v & 0x7f;
        v >>= 7;
        tmp[n++] = (char)(byte | (v ? 0x80 : 0));
    } while (v);
    sb_append(b, tmp, n);
}
