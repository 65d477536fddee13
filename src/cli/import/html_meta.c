/* html_meta.c — what a page declares about itself.
 *
 * One walk over the tree gathers the declarations; then each field takes the
 * first of its candidates in this order of trust (the first found wins, and
 * the report says which one it was):
 *
 *   title      citation_title, JSON-LD headline, og:title, twitter:title,
 *              dc.title, itemprop=headline, the longest <h1> that <title>
 *              contains, <title>, the first <h1>. A trailing or leading " | Site" (or " - ",
 *              " – ", " — ") naming the site or an author is cut.
 *   author(s)  citation_author (each), JSON-LD author, <meta name=author>
 *              (dc.creator, article:author when it is not a link), microdata
 *              itemprop=author, rel=author links, then a byline element
 *              (class or id "byline", "author"), or a short paragraph that
 *              starts "By" or "Posted by": "By A and B" gives A, B.
 *              A JSON-LD Organization is a literal name, never split.
 *   date       citation_publication_date (citation_date), article:published_time,
 *              JSON-LD datePublished, itemprop=datePublished, <meta name=date>
 *              and its usual spellings (pubdate, dc.date, dcterms.issued,
 *              sailthru.date, parsely-pub-date), the first <time datetime>, then
 *              a date written in an element named like a byline or date
 *              (class or id containing date, byline, attribution, posted).
 *              Each is read as the core reads dates; one that cannot be read
 *              gives way to the next.
 *   publisher  og:site_name, JSON-LD publisher, citation_publisher,
 *              dc.publisher, application-name.
 *   container  citation_journal_title (the page is then a journal article).
 *   url        <link rel=canonical>, og:url, JSON-LD url, citation_public_url,
 *              then the "saved from url=(NNNN)..." comment a browser (Chrome,
 *              Internet Explorer) writes at the top of a page it saves: where
 *              the page was read, which may carry a query or a fragment.
 *   doi        citation_doi, prism.doi, dc.identifier, bepress_citation_doi
 *              (from its "10." on): written as `doi:`, and matched against
 *              the writer's bibliography.
 *   type       JSON-LD or microdata @type (NewsArticle -> article-newspaper,
 *              BlogPosting -> post-weblog, ScholarlyArticle -> article-journal,
 *              Report -> report, other articles -> article), else webpage.
 *   language   <html lang>, og:locale, JSON-LD inLanguage, content-language.
 *   keywords   JSON-LD keywords, news_keywords, article:tag, keywords. */
#include "import/html.h"

#include <jansson.h>
#include <string.h>

typedef struct {
    GPtrArray *keys, *values; /* <meta> name/property/itemprop (lower case) -> content */
    char *title_tag, *h1, *canonical, *lang, *first_time, *micro_type, *micro_headline;
    GPtrArray *h1s;    /* the text of every <h1> */
    GPtrArray *jsonld; /* char *: the text of each application/ld+json script */
    GPtrArray *micro_authors, *rel_authors, *bylines, *time_published;
    GPtrArray *datelines; /* short texts of elements named like a date or byline */
} decl;

static void add_meta(decl *m, const char *key, const char *value) {
    if (!key || !value) return;
    g_ptr_array_add(m->keys, g_ascii_strdown(key, -1));
    g_ptr_array_add(m->values, g_strdup(value));
}

static const char *meta(const decl *m, const char *key) {
    for (guint i = 0; i < m->keys->len; i++)
        if (strcmp(g_ptr_array_index(m->keys, i), key) == 0) return g_ptr_array_index(m->values, i);
    return NULL;
}

static int has_word(const char *list, const char *word) {
    if (!list) return 0;
    gchar **parts = g_strsplit_set(list, " \t\n", -1);
    int hit = 0;
    for (gchar **p = parts; *p && !hit; p++)
        hit = g_ascii_strcasecmp(*p, word) == 0;
    g_strfreev(parts);
    return hit;
}

/* An element whose class or id contains date, byline, attribution, posted,
 * published or dateline ("topAttributionWithDate", "post-date"). */
static int named_like_a_date(const xmlNode *n) {
    static const char *const attrs[] = {"class", "id"};
    static const char *const parts[] = {"date",      "byline",   "attribution", "posted",
                                        "published", "dateline", NULL};
    int hit = 0;
    for (size_t a = 0; a < 2 && !hit; a++) {
        char *v = html_attr(n, attrs[a]);
        if (!v) continue;
        char *lower = g_ascii_strdown(v, -1);
        for (const char *const *p = parts; *p && !hit; p++)
            hit = strstr(lower, *p) != NULL;
        g_free(lower);
        g_free(v);
    }
    return hit;
}

/* The text of a microdata author: its itemprop=name, else all its text. */
static char *micro_name(xmlNode *n, int depth) {
    for (xmlNode *c = n->children; c && depth < HTML_MAX_DEPTH; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        char *ip = html_attr(c, "itemprop");
        int name = has_word(ip, "name");
        g_free(ip);
        if (name) {
            char *content = html_attr(c, "content");
            return content ? content : html_text_of(c);
        }
        char *r = micro_name(c, depth + 1);
        if (r) return r;
    }
    return NULL;
}

static void gather(decl *m, xmlNode *n, int depth) {
    for (xmlNode *c = n; c && depth < HTML_MAX_DEPTH; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        if (html_is(c, "meta")) {
            char *content = html_attr(c, "content");
            static const char *const names[] = {"name", "property", "itemprop", "http-equiv"};
            for (size_t k = 0; k < 4 && content; k++) {
                char *key = html_attr(c, names[k]);
                /* property="og:title article:tag" names two properties */
                gchar **each = key ? g_strsplit_set(key, " \t", -1) : NULL;
                for (gchar **e = each; e && *e; e++)
                    if (**e) add_meta(m, *e, content);
                g_strfreev(each);
                g_free(key);
            }
            g_free(content);
            continue;
        }
        if (html_is(c, "title") && !m->title_tag) {
            m->title_tag = html_text_of(c);
            continue;
        }
        if (html_is(c, "html") && !m->lang) m->lang = html_attr(c, "lang");
        if (html_is(c, "link")) {
            char *rel = html_attr(c, "rel");
            if (has_word(rel, "canonical") && !m->canonical) m->canonical = html_attr(c, "href");
            g_free(rel);
            continue;
        }
        if (html_is(c, "script")) {
            char *type = html_attr(c, "type");
            if (type && g_ascii_strcasecmp(g_strstrip(type), "application/ld+json") == 0) {
                xmlChar *raw = xmlNodeGetContent(c);
                if (raw) g_ptr_array_add(m->jsonld, g_strdup((const char *)raw));
                xmlFree(raw);
            }
            g_free(type);
            continue;
        }
        if (html_is(c, "h1")) {
            if (!m->h1) m->h1 = html_text_of(c);
            g_ptr_array_add(m->h1s, html_text_of(c));
        }
        if (html_is(c, "time") && !m->first_time) m->first_time = html_attr(c, "datetime");
        char *itemprop = html_attr(c, "itemprop");
        char *itemtype = html_attr(c, "itemtype");
        if (itemtype && !m->micro_type && strstr(itemtype, "schema.org/")) {
            const char *t = strstr(itemtype, "schema.org/") + 11;
            if (strstr(t, "Article") || strstr(t, "Posting") || strstr(t, "Report"))
                m->micro_type = g_strdup(t);
        }
        if (has_word(itemprop, "headline") && !m->micro_headline) {
            char *content = html_attr(c, "content");
            m->micro_headline = content ? content : html_text_of(c);
        }
        if (has_word(itemprop, "author")) {
            char *name = micro_name(c, depth);
            if (!name) name = html_text_of(c);
            g_ptr_array_add(m->micro_authors, name);
        }
        if (has_word(itemprop, "datePublished")) {
            char *v = html_attr(c, "datetime");
            if (!v) v = html_attr(c, "content");
            if (v) g_ptr_array_add(m->time_published, v);
        }
        g_free(itemprop);
        g_free(itemtype);
        if (html_is(c, "a")) {
            char *rel = html_attr(c, "rel");
            if (has_word(rel, "author")) g_ptr_array_add(m->rel_authors, html_text_of(c));
            g_free(rel);
        }
        if (m->datelines->len < 20 && named_like_a_date(c)) {
            char *t = html_text_of(c);
            if (strlen(t) < 200)
                g_ptr_array_add(m->datelines, t);
            else
                g_free(t);
        }
        static const char *const byline_words[] = {"byline", "author", "byl", NULL};
        /* a short paragraph "By Jane Doe" or "Posted by Jane Doe." is a byline too */
        if (html_is(c, "p") && !html_name_has(c, byline_words)) {
            char *t = html_text_of(c);
            const char *by = g_ascii_strncasecmp(t, "posted by ", 10) == 0 ? t + 10
                             : g_ascii_strncasecmp(t, "by ", 3) == 0       ? t + 3
                                                                           : NULL;
            if (by && strlen(t) < 80) {
                char *name = g_strdup(by);
                size_t nl = strlen(name);
                if (nl && name[nl - 1] == '.') name[nl - 1] = '\0';
                g_ptr_array_add(m->bylines, name);
            }
            g_free(t);
        }
        if (html_name_has(c, byline_words)) {
            char *t = html_text_of(c);
            if (strlen(t) < 200)
                g_ptr_array_add(m->bylines, t);
            else
                g_free(t);
        }
        gather(m, c->children, depth + 1);
    }
}

/* ------------------------------------------------------------ names */

static int looks_like_link(const char *s) {
    return g_str_has_prefix(s, "http://") || g_str_has_prefix(s, "https://") ||
           g_str_has_prefix(s, "//") || g_str_has_prefix(s, "www.");
}

static int word_count(const char *s) {
    int n = 0, in = 0;
    for (; *s; s++) {
        int sp = *s == ' ';
        if (!sp && !in) n++;
        in = !sp;
    }
    return n;
}

/* "By Jane Doe and John Smith (http://...)" -> "Jane Doe", "John Smith". */
static void offer_byline(imp_doc *d, const char *text, const char *from) {
    char *t = imp_clean(text, strlen(text));
    /* cut what follows the names: a date, a link, a job title */
    static const char *const cuts[] = {" (http",   " (www",      " http",   " - ",
                                       " | ",      " — ",        " – ",     " on ",
                                       " Updated", " Published", " Posted", NULL};
    for (const char *const *c = cuts; *c; c++) {
        char *at = strstr(t, *c);
        if (at) *at = '\0';
    }
    char *s = t;
    if (g_ascii_strncasecmp(s, "by ", 3) == 0) s += 3;
    gchar **parts = g_strsplit(s, " and ", -1);
    for (gchar **p = parts; *p; p++) {
        gchar **more = g_strsplit_set(*p, "&;", -1);
        for (gchar **q = more; *q; q++) {
            g_strstrip(*q);
            /* "Jane Doe, John Smith" is two names; "Doe, Jane" is one */
            gchar **commas = g_strsplit(*q, ",", -1);
            int all_full = g_strv_length(commas) > 1;
            for (gchar **c = commas; *c && all_full; c++)
                all_full = word_count(g_strstrip(*c)) >= 2;
            if (all_full) {
                for (gchar **c = commas; *c; c++)
                    imp_offer_author(d, *c, 0, from);
            } else if (**q && !looks_like_link(*q) && word_count(*q) <= 6 && strlen(*q) < 80 &&
                       !strchr(*q, '@')) {
                imp_offer_author(d, *q, 0, from);
            }
            g_strfreev(commas);
        }
        g_strfreev(more);
    }
    g_strfreev(parts);
    g_free(t);
}

/* ------------------------------------------------------------ JSON-LD */

static const char *const article_types[] = {"Article",
                                            "NewsArticle",
                                            "AnalysisNewsArticle",
                                            "AskPublicNewsArticle",
                                            "BackgroundNewsArticle",
                                            "OpinionNewsArticle",
                                            "ReportageNewsArticle",
                                            "ReviewNewsArticle",
                                            "Report",
                                            "ScholarlyArticle",
                                            "MedicalScholarlyArticle",
                                            "BlogPosting",
                                            "LiveBlogPosting",
                                            "SocialMediaPosting",
                                            "DiscussionForumPosting",
                                            "TechArticle",
                                            "SatiricalArticle",
                                            "AdvertiserContentArticle",
                                            NULL};

/* The CSL type of a schema.org type. */
static const char *csl_type(const char *t) {
    if (!t) return NULL;
    if (g_str_has_suffix(t, "NewsArticle")) return "article-newspaper";
    if (strcmp(t, "BlogPosting") == 0 || strcmp(t, "LiveBlogPosting") == 0) return "post-weblog";
    if (strcmp(t, "SocialMediaPosting") == 0 || strcmp(t, "DiscussionForumPosting") == 0)
        return "post";
    if (g_str_has_suffix(t, "ScholarlyArticle")) return "article-journal";
    if (strcmp(t, "Report") == 0) return "report";
    for (const char *const *a = article_types; *a; a++)
        if (strcmp(t, *a) == 0) return "article";
    return NULL;
}

/* The object's article type, or NULL ("@type" may be a string or a list). */
static const char *jsonld_article_type(json_t *o) {
    json_t *t = json_object_get(o, "@type");
    if (json_is_string(t)) return csl_type(json_string_value(t)) ? json_string_value(t) : NULL;
    size_t i;
    json_t *v;
    json_array_foreach(t, i, v) {
        if (json_is_string(v) && csl_type(json_string_value(v))) return json_string_value(v);
    }
    return NULL;
}

static int jsonld_is(json_t *o, const char *type) {
    json_t *t = json_object_get(o, "@type");
    if (json_is_string(t)) return strcmp(json_string_value(t), type) == 0;
    size_t i;
    json_t *v;
    json_array_foreach(t, i, v) {
        if (json_is_string(v) && strcmp(json_string_value(v), type) == 0) return 1;
    }
    return 0;
}

/* Every object of a script: the top level, lists, and @graph. */
static void jsonld_objects(json_t *v, GPtrArray *out, int depth) {
    if (depth > 3) return;
    if (json_is_array(v)) {
        size_t i;
        json_t *x;
        json_array_foreach(v, i, x) jsonld_objects(x, out, depth + 1);
    } else if (json_is_object(v)) {
        g_ptr_array_add(out, v);
        json_t *g = json_object_get(v, "@graph");
        if (g) jsonld_objects(g, out, depth + 1);
    }
}

/* A reference {"@id": ...} resolved among the script's objects. */
static json_t *jsonld_resolve(json_t *v, GPtrArray *objects) {
    if (!json_is_object(v) || json_object_get(v, "name")) return v;
    json_t *id = json_object_get(v, "@id");
    if (!json_is_string(id)) return v;
    for (guint i = 0; i < objects->len; i++) {
        json_t *o = g_ptr_array_index(objects, i);
        json_t *oid = json_object_get(o, "@id");
        if (o != v && json_is_string(oid) &&
            strcmp(json_string_value(oid), json_string_value(id)) == 0)
            return o;
    }
    return v;
}

static const char *jsonld_str(json_t *o, const char *key) {
    json_t *v = json_object_get(o, key);
    if (json_is_string(v)) return json_string_value(v);
    if (json_is_array(v) && json_is_string(json_array_get(v, 0)))
        return json_string_value(json_array_get(v, 0));
    return NULL;
}

static void jsonld_person(imp_doc *d, json_t *v, GPtrArray *objects) {
    v = jsonld_resolve(v, objects);
    if (json_is_string(v)) {
        offer_byline(d, json_string_value(v), "JSON-LD author");
        return;
    }
    if (!json_is_object(v)) return;
    const char *name = jsonld_str(v, "name");
    char *built = NULL;
    if (!name) {
        const char *given = jsonld_str(v, "givenName"), *family = jsonld_str(v, "familyName");
        if (family)
            name = built = g_strdup_printf("%s%s%s", given ? given : "", given ? " " : "", family);
    }
    int org = jsonld_is(v, "Organization") || jsonld_is(v, "NewsMediaOrganization");
    if (name && org)
        imp_offer_author(d, name, 1, "JSON-LD author");
    else if (name)
        offer_byline(d, name, "JSON-LD author");
    g_free(built);
}

/* What one reading of the JSON-LD offers: each field is read where it stands
 * in the order of trust above. */
enum { LD_TITLE = 1, LD_AUTHORS = 2, LD_SITE = 4, LD_DATE = 8, LD_URL = 16 };

static void read_jsonld(imp_doc *d, const char *script, unsigned what) {
    /* saved pages often wrap the data in <![CDATA[ ... ]]> */
    char *text = g_strdup(script);
    char *start = strstr(text, "<![CDATA[");
    start = start ? start + 9 : text;
    char *end = strstr(start, "]]>");
    if (end) *end = '\0';
    json_error_t jerr;
    json_t *root = json_loads(start, JSON_DECODE_ANY, &jerr);
    g_free(text);
    if (!root) {
        if (what & LD_TITLE)
            imp_note(d, "a JSON-LD block is not valid JSON (line %d: %s); it was skipped",
                     jerr.line, jerr.text);
        return;
    }
    GPtrArray *objects = g_ptr_array_new();
    jsonld_objects(root, objects, 0);
    for (guint i = 0; i < objects->len; i++) {
        json_t *o = g_ptr_array_index(objects, i);
        const char *type = jsonld_article_type(o);
        if (!type) continue;
        if (what & LD_TITLE) {
            imp_offer(d, F_TITLE, jsonld_str(o, "headline"), "JSON-LD headline");
            imp_offer(d, F_TITLE, jsonld_str(o, "name"), "JSON-LD name");
        }
        if (what & LD_AUTHORS) {
            json_t *author = json_object_get(o, "author");
            if (json_is_array(author)) {
                size_t k;
                json_t *a;
                json_array_foreach(author, k, a) jsonld_person(d, a, objects);
            } else if (author) {
                jsonld_person(d, author, objects);
            }
        }
        if (what & LD_DATE)
            imp_offer(d, F_DATE, jsonld_str(o, "datePublished"), "JSON-LD datePublished");
        if (what & LD_URL) {
            imp_offer(d, F_URL, jsonld_str(o, "url"), "JSON-LD url");
            json_t *main = json_object_get(o, "mainEntityOfPage");
            if (json_is_string(main))
                imp_offer(d, F_URL, json_string_value(main), "JSON-LD mainEntityOfPage");
            else if (json_is_object(main))
                imp_offer(d, F_URL, jsonld_str(main, "@id"), "JSON-LD mainEntityOfPage");
        }
        if (!(what & LD_SITE)) continue;
        json_t *pub = jsonld_resolve(json_object_get(o, "publisher"), objects);
        if (json_is_object(pub))
            imp_offer(d, F_PUBLISHER, jsonld_str(pub, "name"), "JSON-LD publisher");
        else if (json_is_string(pub))
            imp_offer(d, F_PUBLISHER, json_string_value(pub), "JSON-LD publisher");
        imp_offer(d, F_TYPE, csl_type(type), "JSON-LD @type");
        json_t *lang = json_object_get(o, "inLanguage");
        if (json_is_string(lang))
            imp_offer(d, F_LANGUAGE, json_string_value(lang), "JSON-LD inLanguage");
        json_t *kw = json_object_get(o, "keywords");
        if (json_is_string(kw)) imp_offer_keywords(d, json_string_value(kw), "JSON-LD keywords");
        size_t k;
        json_t *x;
        json_array_foreach(kw, k, x) {
            if (json_is_string(x)) imp_offer_keywords(d, json_string_value(x), "JSON-LD keywords");
        }
    }
    g_ptr_array_free(objects, TRUE);
    json_decref(root);
}

static void jsonld(imp_doc *d, const decl *m, unsigned what) {
    for (guint i = 0; i < m->jsonld->len; i++)
        read_jsonld(d, g_ptr_array_index(m->jsonld, i), what);
}

/* ------------------------------------------------------------ titles */

/* Cuts " | Name" (or " - ", " – ", " — ", " · ") at either end when Name is
 * the site or an author. */
static char *strip_names(const char *title, const imp_doc *d, const char *site) {
    static const char *const seps[] = {
        " | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " \xC2\xB7 ", " :: ", NULL};
    char *t = g_strdup(title);
    for (int round = 0; round < 3; round++) {
        int cut = 0;
        for (const char *const *s = seps; *s && !cut; s++) {
            const char *names[8];
            size_t nn = 0;
            if (site) names[nn++] = site;
            if (d->value[F_PUBLISHER]) names[nn++] = d->value[F_PUBLISHER];
            for (guint i = 0; i < d->authors->len && nn < 8; i++)
                names[nn++] = ((imp_author *)g_ptr_array_index(d->authors, i))->name;
            for (size_t k = 0; k < nn && !cut; k++) {
                char *suffix = g_strconcat(*s, names[k], NULL);
                char *prefix = g_strconcat(names[k], *s, NULL);
                size_t tl = strlen(t), sl = strlen(suffix);
                if (tl > sl && g_ascii_strcasecmp(t + tl - sl, suffix) == 0) {
                    t[tl - sl] = '\0';
                    cut = 1;
                } else if (tl > sl && g_ascii_strncasecmp(t, prefix, strlen(prefix)) == 0) {
                    memmove(t, t + strlen(prefix), tl - strlen(prefix) + 1);
                    cut = 1;
                }
                g_free(suffix);
                g_free(prefix);
            }
        }
        if (!cut) break;
    }
    return t;
}

static void offer_title(imp_doc *d, const char *title, const char *site, const char *from) {
    if (!title) return;
    char *t = strip_names(title, d, site);
    imp_offer(d, F_TITLE, t, from);
    g_free(t);
}

/* ------------------------------------------------------------ the fields */

static void offer_meta_authors(imp_doc *d, const decl *m, const char *key, const char *from) {
    for (guint i = 0; i < m->keys->len; i++) {
        if (strcmp(g_ptr_array_index(m->keys, i), key) != 0) continue;
        const char *v = g_ptr_array_index(m->values, i);
        if (looks_like_link(v)) continue;
        if (strcmp(key, "citation_author") == 0)
            imp_offer_author(d, v, 0, from); /* one name per tag, often "Family, Given" */
        else
            offer_byline(d, v, from);
    }
}

static void offer_meta_keywords(imp_doc *d, const decl *m, const char *key, const char *from) {
    for (guint i = 0; i < m->keys->len; i++)
        if (strcmp(g_ptr_array_index(m->keys, i), key) == 0)
            imp_offer_keywords(d, g_ptr_array_index(m->values, i), from);
}

/* The URL of a browser's "<!-- saved from url=(0046)https://... -->" (g_free),
 * or NULL. The comment comes before <html>, or at the start of <html> or
 * <head>; the URL ends at white space (it has none: it is escaped). */
static char *saved_from(xmlDocPtr doc) {
    xmlNode *root = xmlDocGetRootElement(doc), *head = html_find(root, "head", 0);
    xmlNode *where[] = {doc->children, root ? root->children : NULL, head ? head->children : NULL};
    for (size_t w = 0; w < G_N_ELEMENTS(where); w++)
        for (xmlNode *c = where[w]; c; c = c->next) {
            if (c->type != XML_COMMENT_NODE || !c->content) continue;
            const char *t = (const char *)c->content;
            t += strspn(t, " \t\r\n");
            if (g_ascii_strncasecmp(t, "saved from url=", 15) != 0) continue;
            t += 15;
            if (*t == '(') { /* the length, which browsers do not always count right */
                const char *close = strchr(t, ')');
                if (close) t = close + 1;
            }
            size_t len = strcspn(t, " \t\r\n");
            /* "about:internet" and the like: saved from no address */
            if (g_ascii_strncasecmp(t, "http://", 7) && g_ascii_strncasecmp(t, "https://", 8))
                return NULL;
            return g_strndup(t, len);
        }
    return NULL;
}

void html_read_meta(xmlDocPtr doc, imp_doc *d) {
    decl m = {0};
    m.keys = g_ptr_array_new_with_free_func(g_free);
    m.values = g_ptr_array_new_with_free_func(g_free);
    m.jsonld = g_ptr_array_new_with_free_func(g_free);
    m.micro_authors = g_ptr_array_new_with_free_func(g_free);
    m.rel_authors = g_ptr_array_new_with_free_func(g_free);
    m.bylines = g_ptr_array_new_with_free_func(g_free);
    m.time_published = g_ptr_array_new_with_free_func(g_free);
    m.datelines = g_ptr_array_new_with_free_func(g_free);
    m.h1s = g_ptr_array_new_with_free_func(g_free);
    gather(&m, xmlDocGetRootElement(doc), 0);

    /* authors and the site first: titles are cleaned of their names */
    offer_meta_authors(d, &m, "citation_author", "citation_author");
    jsonld(d, &m, LD_AUTHORS);
    offer_meta_authors(d, &m, "author", "<meta name=author>");
    offer_meta_authors(d, &m, "dc.creator", "dc.creator");
    offer_meta_authors(d, &m, "article:author", "article:author");
    for (guint i = 0; i < m.micro_authors->len; i++)
        offer_byline(d, g_ptr_array_index(m.micro_authors, i), "itemprop=author");
    for (guint i = 0; i < m.rel_authors->len; i++)
        offer_byline(d, g_ptr_array_index(m.rel_authors, i), "rel=author link");
    for (guint i = 0; i < m.bylines->len; i++)
        offer_byline(d, g_ptr_array_index(m.bylines, i), "byline");

    const char *site = meta(&m, "og:site_name");
    imp_offer(d, F_PUBLISHER, site, "og:site_name");
    jsonld(d, &m, LD_SITE);
    imp_offer(d, F_PUBLISHER, meta(&m, "citation_publisher"), "citation_publisher");
    imp_offer(d, F_PUBLISHER, meta(&m, "dc.publisher"), "dc.publisher");
    imp_offer(d, F_PUBLISHER, meta(&m, "application-name"), "application-name");
    if (imp_offer(d, F_CONTAINER, meta(&m, "citation_journal_title"), "citation_journal_title"))
        imp_offer(d, F_TYPE, "article-journal", "citation_journal_title");

    imp_offer(d, F_TITLE, meta(&m, "citation_title"), "citation_title");
    jsonld(d, &m, LD_TITLE);
    offer_title(d, meta(&m, "og:title"), site, "og:title");
    offer_title(d, meta(&m, "twitter:title"), site, "twitter:title");
    imp_offer(d, F_TITLE, meta(&m, "dc.title"), "dc.title");
    imp_offer(d, F_TITLE, m.micro_headline, "itemprop=headline");
    /* the longest <h1> that <title> contains: the site's name is often an <h1> too */
    const char *best_h1 = NULL;
    for (guint i = 0; m.title_tag && i < m.h1s->len; i++) {
        const char *h = g_ptr_array_index(m.h1s, i);
        if (*h && strstr(m.title_tag, h) && (!best_h1 || strlen(h) > strlen(best_h1))) best_h1 = h;
    }
    imp_offer(d, F_TITLE, best_h1, "<h1> (also in <title>)");
    offer_title(d, m.title_tag, site, "<title>");
    imp_offer(d, F_TITLE, m.h1, "<h1>");

    static const struct {
        const char *key, *from;
    } dates[] = {{"citation_publication_date", "citation_publication_date"},
                 {"citation_date", "citation_date"},
                 {"citation_online_date", "citation_online_date"},
                 {"article:published_time", "article:published_time"},
                 {"datepublished", "itemprop=datePublished"},
                 {"date", "<meta name=date>"},
                 {"pubdate", "<meta name=pubdate>"},
                 {"publishdate", "<meta name=publishdate>"},
                 {"publish-date", "<meta name=publish-date>"},
                 {"dc.date", "dc.date"},
                 {"dc.date.issued", "dc.date.issued"},
                 {"dcterms.issued", "dcterms.issued"},
                 {"dcterms.created", "dcterms.created"},
                 {"sailthru.date", "sailthru.date"},
                 {"parsely-pub-date", "parsely-pub-date"}};
    for (size_t i = 0; i < 4; i++)
        imp_offer(d, F_DATE, meta(&m, dates[i].key), dates[i].from);
    jsonld(d, &m, LD_DATE);
    for (guint i = 0; i < m.time_published->len; i++)
        imp_offer(d, F_DATE, g_ptr_array_index(m.time_published, i), "itemprop=datePublished");
    for (size_t i = 4; i < sizeof dates / sizeof dates[0]; i++)
        imp_offer(d, F_DATE, meta(&m, dates[i].key), dates[i].from);
    imp_offer(d, F_DATE, m.first_time, "<time datetime>");
    for (guint i = 0; i < m.datelines->len && !d->value[F_DATE]; i++) {
        char iso[11];
        if (imp_find_date(g_ptr_array_index(m.datelines, i), iso))
            imp_offer(d, F_DATE, iso, "a date in the byline");
    }

    /* a DOI, to match the writer's bibliography (--bib, --csl) */
    static const char *const dois[] = {"citation_doi", "prism.doi", "dc.identifier",
                                       "bepress_citation_doi"};
    for (size_t i = 0; i < G_N_ELEMENTS(dois); i++) {
        const char *v = meta(&m, dois[i]);
        /* dc.identifier is often an ISSN or a URL: only a DOI is offered */
        if (v && strstr(v, "10.")) imp_offer(d, F_DOI, v, dois[i]);
    }
    imp_offer(d, F_URL, m.canonical, "<link rel=canonical>");
    imp_offer(d, F_URL, meta(&m, "og:url"), "og:url");
    jsonld(d, &m, LD_URL);
    imp_offer(d, F_URL, meta(&m, "citation_public_url"), "citation_public_url");
    imp_offer(d, F_URL, meta(&m, "citation_abstract_html_url"), "citation_abstract_html_url");
    char *saved = saved_from(doc);
    imp_offer(d, F_URL, saved, "the browser's 'saved from url=' comment");
    g_free(saved);

    if (m.micro_type) imp_offer(d, F_TYPE, csl_type(m.micro_type), "microdata itemtype");

    imp_offer(d, F_LANGUAGE, m.lang, "<html lang>");
    const char *locale = meta(&m, "og:locale");
    if (locale) {
        char *l = g_strdup(locale);
        g_strdelimit(l, "_", '-');
        imp_offer(d, F_LANGUAGE, l, "og:locale");
        g_free(l);
    }
    imp_offer(d, F_LANGUAGE, meta(&m, "content-language"), "content-language");
    imp_offer(d, F_LANGUAGE, meta(&m, "dc.language"), "dc.language");

    offer_meta_keywords(d, &m, "news_keywords", "news_keywords");
    offer_meta_keywords(d, &m, "article:tag", "article:tag");
    offer_meta_keywords(d, &m, "keywords", "<meta name=keywords>");

    g_ptr_array_free(m.keys, TRUE);
    g_ptr_array_free(m.values, TRUE);
    g_ptr_array_free(m.jsonld, TRUE);
    g_ptr_array_free(m.micro_authors, TRUE);
    g_ptr_array_free(m.rel_authors, TRUE);
    g_ptr_array_free(m.bylines, TRUE);
    g_ptr_array_free(m.time_published, TRUE);
    g_ptr_array_free(m.datelines, TRUE);
    g_ptr_array_free(m.h1s, TRUE);
    g_free(m.micro_headline);
    g_free(m.title_tag);
    g_free(m.h1);
    g_free(m.canonical);
    g_free(m.lang);
    g_free(m.first_time);
    g_free(m.micro_type);
}
