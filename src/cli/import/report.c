/* report.c — the import report, as lines a person reads or as JSON. */
#include "import/report.h"

#include <jansson.h>
#include <string.h>

struct report {
    int json;
    FILE *out;
    json_t *items;
};

report *report_new(int json, FILE *out) {
    report *r = g_new0(report, 1);
    r->json = json;
    r->out = out;
    r->items = json_array();
    return r;
}

static json_t *authors_json(const imp_doc *d) {
    json_t *list = json_array();
    for (guint i = 0; i < d->authors->len; i++) {
        const imp_author *a = g_ptr_array_index(d->authors, i);
        json_array_append_new(list, a->literal ? json_pack("{s:s}", "literal", a->name)
                                               : json_string(a->name));
    }
    return list;
}

void report_article(report *r, const char *source, const char *kind, const imp_doc *d,
                    const imp_result *res) {
    if (r->json) {
        json_t *found = json_object(), *missing = json_array(), *notes = json_array();
        for (int f = 0; f < F_COUNT; f++) {
            if (d->value[f])
                json_object_set_new(
                    found, imp_field_name((imp_field)f),
                    json_pack("{s:s,s:s}", "value", d->value[f], "from", d->from[f]));
            else if (f != F_CONTAINER && f != F_DOI)
                json_array_append_new(missing, json_string(imp_field_name((imp_field)f)));
        }
        if (d->authors->len)
            json_object_set_new(
                found, "author",
                json_pack("{s:o,s:s}", "value", authors_json(d), "from", d->authors_from));
        else
            json_array_append_new(missing, json_string("author"));
        if (d->keywords->len) {
            json_t *kw = json_array();
            for (guint i = 0; i < d->keywords->len; i++)
                json_array_append_new(kw, json_string(g_ptr_array_index(d->keywords, i)));
            json_object_set_new(found, "keywords",
                                json_pack("{s:o,s:s}", "value", kw, "from", d->keywords_from));
        }
        for (guint i = 0; i < d->notes->len; i++)
            json_array_append_new(notes, json_string(g_ptr_array_index(d->notes, i)));
        json_array_append_new(
            r->items, json_pack("{s:s,s:s,s:b,s:s,s:s,s:s,s:s,s:o,s:o,s:I,s:I,s:o}", "source",
                                source, "format", kind, "ok", 1, "id", res->id, "key", res->key,
                                "article", res->path, "original", res->original, "found", found,
                                "missing", missing, "paragraphs", (json_int_t)res->paragraphs,
                                "words", (json_int_t)res->words, "notes", notes));
        return;
    }
    fprintf(r->out, "%s (%s) -> %s\n", source, kind, res->path);
    fprintf(r->out, "  original kept as %s\n", res->original);
    fprintf(r->out, "  id %s, citation key %s\n", res->id, res->key);
    for (int f = 0; f < F_COUNT; f++) {
        if (!d->value[f]) continue;
        fprintf(r->out, "  found %-10s %s  (%s)\n", imp_field_name((imp_field)f), d->value[f],
                d->from[f]);
        if (f == F_TITLE && d->authors->len) {
            GString *names = g_string_new(NULL);
            for (guint i = 0; i < d->authors->len; i++) {
                const imp_author *a = g_ptr_array_index(d->authors, i);
                g_string_append_printf(names, "%s%s%s", i ? "; " : "", a->name,
                                       a->literal ? " [organisation]" : "");
            }
            fprintf(r->out, "  found %-10s %s  (%s)\n", "author", names->str, d->authors_from);
            g_string_free(names, TRUE);
        }
    }
    if (d->keywords->len)
        fprintf(r->out, "  found %-10s %u keywords  (%s)\n", "keywords", d->keywords->len,
                d->keywords_from);
    GString *missing = g_string_new(NULL);
    if (!d->authors->len) g_string_append(missing, " author");
    for (int f = 0; f < F_COUNT; f++)
        if (!d->value[f] && f != F_CONTAINER && f != F_DOI)
            g_string_append_printf(missing, " %s", imp_field_name((imp_field)f));
    if (missing->len) fprintf(r->out, "  not found:%s (written as unknown)\n", missing->str);
    g_string_free(missing, TRUE);
    fprintf(r->out, "  text: %zu paragraph%s, %zu word%s\n", res->paragraphs,
            res->paragraphs == 1 ? "" : "s", res->words, res->words == 1 ? "" : "s");
    for (guint i = 0; i < d->notes->len; i++)
        fprintf(r->out, "  note: %s\n", (const char *)g_ptr_array_index(d->notes, i));
}

void report_failure(report *r, const char *source, const char *error) {
    if (r->json) {
        json_array_append_new(r->items, json_pack("{s:s,s:b,s:s}", "source", source, "ok", 0,
                                                  "error", error ? error : "failed"));
        return;
    }
    fprintf(stderr, "dossier: import: %s: %s\n", source, error ? error : "failed");
}

void report_skipped(report *r, const char *source, const char *dir, const char *id) {
    char *article = g_strdup_printf("%s/%s.md", dir, id);
    if (r->json)
        json_array_append_new(r->items, json_pack("{s:s,s:b,s:b,s:s,s:s}", "source", source, "ok",
                                                  1, "skipped", 1, "id", id, "article", article));
    else
        fprintf(r->out,
                "%s: already in the corpus as %s (its kept original is the same file): not "
                "imported again (--id gives it another id)\n",
                source, article);
    g_free(article);
}

void report_finish(report *r) {
    if (r->json) {
        char *s = json_dumps(r->items, JSON_INDENT(2) | JSON_ENSURE_ASCII * 0);
        if (s) fprintf(r->out, "%s\n", s);
        free(s);
    }
    json_decref(r->items);
    g_free(r);
}
