/* html.c — a saved page parsed once with libxml2's HTML parser, then read by
 * html_meta.c (what the page says about itself) and html_text.c (its text). */
#include "import/html.h"

#include <string.h>

int html_is(const xmlNode *n, const char *name) {
    return n && n->type == XML_ELEMENT_NODE && n->name &&
           g_ascii_strcasecmp((const char *)n->name, name) == 0;
}

int html_name_has(const xmlNode *n, const char *const *words) {
    static const char *const attrs[] = {"class", "id"};
    int hit = 0;
    for (size_t a = 0; a < 2 && !hit; a++) {
        char *v = html_attr(n, attrs[a]);
        if (!v) continue;
        char *lower = g_ascii_strdown(v, -1);
        for (char *w = lower; *w && !hit;) {
            while (*w && !g_ascii_isalnum(*w))
                w++;
            char *e = w;
            while (*e && g_ascii_isalnum(*e))
                e++;
            if (e == w) break;
            char save = *e;
            *e = '\0';
            for (const char *const *x = words; *x && !hit; x++)
                hit = strcmp(w, *x) == 0;
            *e = save;
            w = e;
        }
        g_free(lower);
        g_free(v);
    }
    return hit;
}

char *html_attr(const xmlNode *n, const char *name) {
    if (!n || n->type != XML_ELEMENT_NODE) return NULL;
    for (xmlAttr *a = n->properties; a; a = a->next) {
        if (!a->name || g_ascii_strcasecmp((const char *)a->name, name) != 0) continue;
        xmlChar *v = xmlNodeListGetString(n->doc, a->children, 1);
        char *copy = v ? g_strdup((const char *)v) : g_strdup("");
        xmlFree(v);
        return copy;
    }
    return NULL;
}

int html_is_inline(const xmlNode *n) {
    static const char *const inline_tags[] = {
        "a",    "abbr", "acronym", "b",     "bdi",  "bdo",    "cite",   "code",  "data",
        "del",  "dfn",  "em",      "font",  "i",    "ins",    "kbd",    "label", "mark",
        "q",    "s",    "samp",    "small", "span", "strike", "strong", "sub",   "sup",
        "time", "tt",   "u",       "var",   "wbr",  "nobr",   NULL};
    for (const char *const *t = inline_tags; *t; t++)
        if (html_is(n, *t)) return 1;
    return 0;
}

static void text_below(const xmlNode *n, GString *out, int depth) {
    if (depth > HTML_MAX_DEPTH) return;
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE && c->content) {
            g_string_append(out, (const char *)c->content);
        } else if (c->type == XML_ELEMENT_NODE && !html_is(c, "script") && !html_is(c, "style")) {
            /* an inline element joins the words around it; a block separates them */
            int block = !html_is_inline(c);
            if (block) g_string_append_c(out, ' ');
            text_below(c, out, depth + 1);
            if (block) g_string_append_c(out, ' ');
        }
    }
}

char *html_text_of(const xmlNode *n) {
    GString *s = g_string_new(NULL);
    if (n && n->type == XML_TEXT_NODE && n->content)
        g_string_append(s, (const char *)n->content);
    else if (n)
        text_below(n, s, 0);
    char *clean = imp_clean(s->str, s->len);
    g_string_free(s, TRUE);
    return clean;
}

xmlNode *html_find(xmlNode *n, const char *name, int depth) {
    if (!n || depth > HTML_MAX_DEPTH) return NULL;
    for (xmlNode *c = n; c; c = c->next) {
        if (html_is(c, name)) return c;
        xmlNode *r = html_find(c->children, name, depth + 1);
        if (r) return r;
    }
    return NULL;
}

/* libxml2 reports through a global handler by default; a page's errors are
 * not the user's business, so the parser runs with them switched off. */
int import_html(const char *data, size_t len, imp_doc *d, char **error) {
    if (len > (size_t)G_MAXINT) {
        *error = g_strdup("the page is larger than 2 GB");
        return -1;
    }
    htmlDocPtr doc = htmlReadMemory(data, (int)len, NULL, NULL,
                                    HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                        HTML_PARSE_NONET);
    if (!doc || !xmlDocGetRootElement(doc)) {
        if (doc) xmlFreeDoc(doc);
        *error = g_strdup("not an HTML page: the parser found no element");
        return -1;
    }
    html_read_meta(doc, d);
    html_extract_text(doc, d);
    xmlFreeDoc(doc);
    return 0;
}
