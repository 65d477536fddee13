/* bibliography.c — the corpus as a bibliography: CSL JSON or BibTeX.
 *
 * Choices made to suit pandoc --citeproc (checked against pandoc 2.17):
 *  - BibTeX titles protect every word holding a capital ({Pyongyang}), so that
 *    pandoc's conversion of English BibTeX titles to sentence case leaves them
 *    as published, and title-case styles still capitalise the rest;
 *  - authors are names in CSL's parts (names.c splits what the front matter
 *    writes): family/given/particle/suffix, or a literal for an
 *    organisation; BibTeX gets "Family, Given" (a family name of several
 *    words in braces) and {{Literal}}; a family-first name keeps its order
 *    in CSL JSON ("static-ordering");
 *  - BibTeX is biblatex, within its data model (biber --validate-datamodel):
 *    newspaper and magazine pieces are @article with journaltitle and
 *    entrysubtype, web pages and blog posts with a URL are @online (the site
 *    as organization), reports @report, and so on (bib_types below); the
 *    date is `date` only;
 *  - CSL JSON does not repeat the publisher when it already stands in for the
 *    container-title (Chicago prints both for a webpage);
 *  - langid is written only for languages pandoc maps back to a locale. */
#include "cite.h"
#include "text.h"

#include <string.h>

/* ------------------------------------------------------------ CSL JSON */

static void json_str(strbuf *b, const char *s) {
    size_t n = strlen(s);
    sb_putc(b, '"');
    for (size_t i = 0; i < n;) {
        unsigned char ch = (unsigned char)s[i];
        if (ch >= 0x80) {
            size_t k;
            uint32_t cp = utf8_decode(s, n, i, &k);
            if (cp == 0xFFFD && k == 1)
                sb_puts(b, "\\ufffd"); /* an invalid byte */
            else
                sb_append(b, s + i, k);
            i += k;
            continue;
        }
        switch (ch) {
        case '"':
            sb_puts(b, "\\\"");
            break;
        case '\\':
            sb_puts(b, "\\\\");
            break;
        case '\n':
            sb_puts(b, "\\n");
            break;
        case '\r':
            sb_puts(b, "\\r");
            break;
        case '\t':
            sb_puts(b, "\\t");
            break;
        case '\b':
            sb_puts(b, "\\b");
            break;
        case '\f':
            sb_puts(b, "\\f");
            break;
        default:
            if (ch < 0x20)
                sb_printf(b, "\\u%04x", ch);
            else
                sb_putc(b, (char)ch);
        }
        i++;
    }
    sb_putc(b, '"');
}

typedef struct {
    strbuf *b;
    int n;
} fields;

static void field(fields *f, const char *name) {
    sb_puts(f->b, f->n++ ? ",\n    \"" : "    \"");
    sb_puts(f->b, name);
    sb_puts(f->b, "\": ");
}

static void field_str(fields *f, const char *name, const char *value) {
    field(f, name);
    json_str(f->b, value);
}

static void csl_item(strbuf *b, const dossier_article *a) {
    fields f = {b, 0};
    sb_puts(b, "  {\n");
    field_str(&f, "id", a->key);
    field_str(&f, "type", field_known(a->type) ? a->type : "article");
    field_str(&f, "title", a->title ? a->title : "");
    if (a->n_authors) {
        field(&f, "author");
        sb_putc(b, '[');
        for (size_t i = 0; i < a->n_authors; i++) {
            const dossier_name *n = &a->authors[i];
            sb_puts(b, i ? ", {" : "{");
            if (*n->literal) {
                sb_puts(b, "\"literal\": ");
                json_str(b, n->literal);
            } else {
                sb_puts(b, "\"family\": ");
                json_str(b, n->family);
                if (*n->given) {
                    sb_puts(b, ", \"given\": ");
                    json_str(b, n->given);
                }
                if (*n->particle) {
                    sb_puts(b, ", \"non-dropping-particle\": ");
                    json_str(b, n->particle);
                }
                if (*n->suffix) {
                    sb_puts(b, ", \"suffix\": ");
                    json_str(b, n->suffix);
                }
                if (n->family_first) sb_puts(b, ", \"static-ordering\": true");
            }
            sb_putc(b, '}');
        }
        sb_putc(b, ']');
    }
    /* the publisher stands in for a missing container, and is not repeated:
     * styles print both for a webpage ("Global Research. Global Research.") */
    if (field_known(a->container))
        field_str(&f, "container-title", a->container);
    else if (field_known(a->publisher))
        field_str(&f, "container-title", a->publisher);
    if (field_known(a->publisher) && field_known(a->container) &&
        strcmp(a->container, a->publisher) != 0)
        field_str(&f, "publisher", a->publisher);
    date_parts dp = field_date(a->date);
    if (dp.parts > 0) {
        field(&f, "issued");
        sb_printf(b, "{\"date-parts\": [[%d", dp.y);
        if (dp.parts >= 2) sb_printf(b, ", %d", dp.m);
        if (dp.parts >= 3) sb_printf(b, ", %d", dp.d);
        sb_puts(b, "]]}");
    } else if (dp.parts < 0) {
        field(&f, "issued");
        sb_puts(b, "{\"literal\": ");
        json_str(b, a->date);
        sb_putc(b, '}');
    }
    if (field_known(a->language)) field_str(&f, "language", a->language);
    if (field_known(a->url)) field_str(&f, "URL", a->url);
    if (a->doi && *a->doi) field_str(&f, "DOI", a->doi);
    if (a->keywords.n) {
        strbuf k = {0};
        for (size_t i = 0; i < a->keywords.n; i++) {
            if (i) sb_puts(&k, ", ");
            sb_puts(&k, a->keywords.items[i]);
        }
        if (k.failed) b->failed = 1;
        field_str(&f, "keyword", k.data ? k.data : "");
        sb_free(&k);
    }
    if (a->date_note && *a->date_note) field_str(&f, "note", a->date_note);
    sb_puts(b, "\n  }");
}

/* ------------------------------------------------------------ BibTeX */

/* Escapes BibTeX's special characters in s[from..to); a straight double quote
 * becomes LaTeX's ``...'' (pandoc reads those as a quotation). */
static void bib_text(strbuf *b, const char *s, size_t from, size_t to) {
    for (size_t i = from; i < to; i++) {
        char ch = s[i];
        switch (ch) {
        case '{':
        case '}':
        case '%':
        case '&':
        case '#':
        case '_':
        case '$':
            sb_putc(b, '\\');
            sb_putc(b, ch);
            break;
        case '\\':
            sb_puts(b, "\\textbackslash{}");
            break;
        case '~':
            sb_puts(b, "\\textasciitilde{}");
            break;
        case '^':
            sb_puts(b, "\\textasciicircum{}");
            break;
        case '"': {
            char prev = i ? s[i - 1] : ' ';
            sb_puts(b, (prev == ' ' || prev == '(' || prev == '[' || prev == '-') ? "``" : "''");
            break;
        }
        default:
            sb_putc(b, (unsigned char)ch < 0x20 ? ' ' : ch); /* no control characters */
        }
    }
}

static void bib_str(strbuf *b, const char *s) {
    bib_text(b, s, 0, strlen(s));
}

static int is_apostrophe(const char *s, size_t n, size_t i, size_t *k) {
    if (s[i] == '\'') {
        *k = 1;
        return 1;
    }
    if (i + 3 <= n && memcmp(s + i, "\xE2\x80\x99", 3) == 0) {
        *k = 3;
        return 1;
    }
    return 0;
}

/* A title with every word that holds a capital in braces ({Pyongyang}), but for
 * an initial capital on the title's first word. */
static void bib_title(strbuf *b, const char *s) {
    size_t n = strlen(s), i = 0, done = 0;
    int first_word = 1;
    while (i < n) {
        size_t k;
        uint32_t cp = utf8_decode(s, n, i, &k);
        if (!is_word_char(cp)) {
            i += k;
            continue;
        }
        /* a word: letters and digits, with apostrophes between them */
        size_t start = i;
        int caps = 0, pos = 0;
        while (i < n) {
            cp = utf8_decode(s, n, i, &k);
            if (!is_word_char(cp)) {
                size_t ak;
                if (pos && is_apostrophe(s, n, i, &ak) && i + ak < n) {
                    size_t nk;
                    if (is_word_char(utf8_decode(s, n, i + ak, &nk))) {
                        i += ak;
                        continue;
                    }
                }
                break;
            }
            if (is_upper_codepoint(cp) && !(first_word && pos == 0)) caps = 1;
            pos++;
            i += k;
        }
        bib_text(b, s, done, start);
        if (caps) sb_putc(b, '{');
        bib_text(b, s, start, i);
        if (caps) sb_putc(b, '}');
        done = i;
        first_word = 0;
    }
    bib_text(b, s, done, n);
}

/* BCP 47 tags and the langid biblatex (babel, polyglossia) names them by;
 * the entries marked `alias` are other names read back, never written. */
static const struct {
    const char *bcp47, *babel;
    int alias;
} languages[] = {{"en-US", "american", 0},
                 {"en-GB", "british", 0},
                 {"en", "english", 0},
                 {"de", "german", 0},
                 {"fr", "french", 0},
                 {"es", "spanish", 0},
                 {"it", "italian", 0},
                 {"ru", "russian", 0},
                 {"uk", "ukrainian", 0},
                 {"pl", "polish", 0},
                 {"pt", "portuguese", 0},
                 {"nl", "dutch", 0},
                 {"sv", "swedish", 0},
                 {"ja", "japanese", 0},
                 {"fi", "finnish", 0},
                 {"cs", "czech", 0},
                 {"el", "greek", 0},
                 {"tr", "turkish", 0},
                 {"hu", "hungarian", 0},
                 {"da", "danish", 0},
                 {"ar", "arabic", 0},
                 {"he", "hebrew", 0},
                 {"ca", "catalan", 0},
                 {"ro", "romanian", 0},
                 {"bg", "bulgarian", 0},
                 {"hr", "croatian", 0},
                 {"sr", "serbian", 0},
                 {"sk", "slovak", 0},
                 {"sl", "slovene", 0},
                 {"vi", "vietnamese", 0},
                 {"la", "latin", 0},
                 /* babel's other names, and English names that are no langid */
                 {"en-US", "usenglish", 1},
                 {"en-GB", "ukenglish", 1},
                 {"en-CA", "canadian", 1},
                 {"en-AU", "australian", 1},
                 {"en-NZ", "newzealand", 1},
                 {"de", "ngerman", 1},
                 {"de-AT", "austrian", 1},
                 {"de-AT", "naustrian", 1},
                 {"de-CH", "swissgerman", 1},
                 {"de-CH", "nswissgerman", 1},
                 {"fr", "francais", 1},
                 {"fr-CA", "canadien", 1},
                 {"fr-CA", "acadian", 1},
                 {"pt-BR", "brazil", 1},
                 {"pt-BR", "brazilian", 1},
                 {"pt", "portuges", 1},
                 {"sl", "slovenian", 1},
                 {"nb", "norsk", 1},
                 {"nb", "norwegian", 1},
                 {"nn", "nynorsk", 1},
                 {"ko", "korean", 1},
                 {"zh", "chinese", 1},
                 {"id", "indonesian", 1},
                 {"ga", "irish", 1},
                 {"cy", "welsh", 1},
                 {"et", "estonian", 1},
                 {"lv", "latvian", 1},
                 {"lt", "lithuanian", 1},
                 {"is", "icelandic", 1},
                 {"hi", "hindi", 1},
                 {"fa", "persian", 1},
                 {"th", "thai", 1}};
#define N_LANGUAGES (sizeof languages / sizeof languages[0])

const char *dossier_language_tag(const char *name) {
    if (!name) return NULL;
    for (size_t i = 0; i < N_LANGUAGES; i++)
        if (ascii_ieq(name, languages[i].babel)) return languages[i].bcp47;
    return NULL;
}

static const char *bib_langid(const char *lang) {
    if (!field_known(lang)) return NULL;
    for (size_t i = 0; i < N_LANGUAGES; i++)
        if (!languages[i].alias && ascii_ieq(lang, languages[i].bcp47)) return languages[i].babel;
    /* "de-AT" -> german: the language without its region */
    size_t n = strcspn(lang, "-_");
    for (size_t i = 0; i < N_LANGUAGES; i++)
        if (!languages[i].alias && strlen(languages[i].bcp47) == n &&
            strncmp(lang, languages[i].bcp47, n) == 0)
            return languages[i].babel;
    return NULL;
}

/* A URL or a DOI, verbatim for biblatex and pandoc, and the field closed:
 * only what would break the braces, spaces and control characters are
 * percent-encoded. */
static void bib_verbatim(strbuf *b, const char *s) {
    for (const char *p = s; *p; p++) {
        unsigned char ch = (unsigned char)*p;
        if (ch == '{' || ch == '}' || ch == '\\' || ch <= 0x20 || ch == 0x7F)
            sb_printf(b, "%%%02X", ch);
        else
            sb_putc(b, (char)ch);
    }
    sb_putc(b, '}');
}

static void bib_field(strbuf *b, const char *name) {
    sb_puts(b, ",\n  ");
    sb_puts(b, name);
    sb_puts(b, " = {");
}

/* CSL types as biblatex entry types. `site`: the container (or publisher)
 * goes in as journaltitle or organization. */
static const struct {
    const char *csl, *entry, *subtype;
    enum { SITE_NONE, SITE_JOURNAL, SITE_ORGANIZATION } site;
} bib_types[] = {
    {"article-newspaper", "article", "newspaper", SITE_JOURNAL},
    {"article-magazine", "article", "magazine", SITE_JOURNAL},
    {"article-journal", "article", NULL, SITE_JOURNAL},
    {"article", "article", NULL, SITE_JOURNAL},
    {"webpage", "online", NULL, SITE_ORGANIZATION},
    {"post-weblog", "online", NULL, SITE_ORGANIZATION},
    {"post", "online", NULL, SITE_ORGANIZATION},
    {"report", "report", NULL, SITE_NONE},
    {"book", "book", NULL, SITE_NONE},
    {"chapter", "incollection", NULL, SITE_NONE},
    {"paper-conference", "inproceedings", NULL, SITE_NONE},
    {"thesis", "thesis", NULL, SITE_NONE},
    {"manuscript", "unpublished", NULL, SITE_NONE},
    {"software", "software", NULL, SITE_NONE},
    {"dataset", "dataset", NULL, SITE_NONE},
};

static void bib_names(strbuf *b, const dossier_article *a) {
    for (size_t i = 0; i < a->n_authors; i++) {
        const dossier_name *n = &a->authors[i];
        if (i) sb_puts(b, " and ");
        if (*n->literal) { /* {{Reuters}}: never split */
            sb_putc(b, '{');
            bib_str(b, n->literal);
            sb_putc(b, '}');
            continue;
        }
        if (*n->particle) {
            bib_str(b, n->particle);
            sb_putc(b, ' ');
        }
        int braces = strchr(n->family, ' ') != NULL; /* {Ainge Roy}: one family name */
        if (braces) sb_putc(b, '{');
        bib_str(b, n->family);
        if (braces) sb_putc(b, '}');
        if (*n->suffix) {
            sb_puts(b, ", ");
            bib_str(b, n->suffix);
        }
        if (*n->given) {
            sb_puts(b, ", ");
            bib_str(b, n->given);
        }
    }
}

static void bib_entry(strbuf *b, const dossier_article *a) {
    const char *t = field_known(a->type) ? a->type : "article";
    size_t k = 0;
    while (k < sizeof bib_types / sizeof *bib_types && strcmp(bib_types[k].csl, t) != 0)
        k++;
    const char *entry = "misc", *subtype = NULL;
    int site = SITE_NONE;
    const char *journal = field_known(a->container)   ? a->container
                          : field_known(a->publisher) ? a->publisher
                                                      : NULL;
    if (k < sizeof bib_types / sizeof *bib_types) {
        entry = bib_types[k].entry;
        subtype = bib_types[k].subtype;
        site = bib_types[k].site;
    }
    /* biblatex's @article needs a journal, @online a URL: without them, @misc */
    if ((site == SITE_JOURNAL && !journal) || (!strcmp(entry, "online") && !field_known(a->url))) {
        entry = "misc";
        subtype = NULL;
        site = SITE_ORGANIZATION;
    }
    sb_printf(b, "@%s{%s", entry, a->key);
    bib_field(b, "title");
    bib_title(b, a->title ? a->title : "");
    sb_putc(b, '}');
    if (a->n_authors) {
        bib_field(b, "author");
        bib_names(b, a);
        sb_putc(b, '}');
    }
    if (journal && site == SITE_JOURNAL) {
        bib_field(b, "journaltitle");
        bib_str(b, journal);
        sb_putc(b, '}');
    } else if (journal && site == SITE_ORGANIZATION) {
        bib_field(b, "organization");
        bib_str(b, journal);
        sb_putc(b, '}');
    }
    if (subtype) {
        /* pandoc reads @article with this as article-newspaper (or -magazine) */
        bib_field(b, "entrysubtype");
        sb_printf(b, "%s}", subtype);
    }
    if (!strcmp(entry, "report")) { /* a mandatory field of biblatex's @report */
        bib_field(b, "type");
        sb_puts(b, "Report}");
    }
    if (field_known(a->publisher) && site == SITE_NONE) {
        bib_field(b, !strcmp(entry, "report") || !strcmp(entry, "thesis") ? "institution"
                                                                          : "publisher");
        bib_str(b, a->publisher);
        sb_putc(b, '}');
    }
    date_parts dp = field_date(a->date);
    if (dp.parts > 0) {
        bib_field(b, "date");
        sb_puts(b, a->date);
        sb_putc(b, '}');
    }
    const char *langid = bib_langid(a->language);
    if (langid) {
        bib_field(b, "langid");
        sb_printf(b, "%s}", langid);
    }
    if (field_known(a->url)) {
        bib_field(b, "url");
        bib_verbatim(b, a->url);
    }
    if (a->doi && *a->doi) {
        bib_field(b, "doi");
        bib_verbatim(b, a->doi);
    }
    if (a->keywords.n) {
        bib_field(b, "keywords");
        for (size_t i = 0; i < a->keywords.n; i++) {
            if (i) sb_puts(b, ", ");
            bib_str(b, a->keywords.items[i]);
        }
        sb_putc(b, '}');
    }
    if (a->date_note && *a->date_note) {
        bib_field(b, "note");
        bib_str(b, a->date_note);
        sb_putc(b, '}');
    }
    sb_puts(b, "\n}\n");
}

/* ------------------------------------------------------------ formats */

static void write_csl(strbuf *b, const dossier_corpus *c) {
    sb_putc(b, '[');
    for (size_t i = 0; i < c->n_articles; i++) {
        sb_puts(b, i ? ",\n" : "\n");
        csl_item(b, &c->articles[i]);
    }
    sb_puts(b, "\n]\n");
}

static void write_bibtex(strbuf *b, const dossier_corpus *c) {
    for (size_t i = 0; i < c->n_articles; i++) {
        if (i) sb_putc(b, '\n');
        bib_entry(b, &c->articles[i]);
    }
}

static const struct {
    const char *name;
    void (*write)(strbuf *b, const dossier_corpus *c);
} formats[] = {{"csl", write_csl}, {"bibtex", write_bibtex}};

dossier_status dossier_bibliography(const dossier_corpus *c, const char *format, char **out,
                                    dossier_error *err) {
    if (out) *out = NULL;
    if (!c || !out) return set_error(err, DOSSIER_ERR_ARG, "dossier_bibliography: NULL argument");
    size_t f = 0;
    while (f < sizeof formats / sizeof formats[0] &&
           !(format && strcmp(format, formats[f].name) == 0))
        f++;
    if (f == sizeof formats / sizeof formats[0])
        return set_error(err, DOSSIER_ERR_ARG,
                         "unknown bibliography format '%s' (expected 'csl' or 'bibtex')",
                         format ? format : "(null)");
    strbuf b = {0};
    formats[f].write(&b, c);
    char *s = sb_take(&b);
    if (!s) return set_error(err, DOSSIER_ERR_NOMEM, "out of memory writing the bibliography");
    *out = s;
    return DOSSIER_OK;
}
