/* html_text.c — the article's text out of a whole saved page.
 *
 * A page holds the article and much else: navigation, share buttons, ads,
 * comments, related stories, footers. The text is found in four passes over
 * libxml2's tree, each a documented rule rather than a list of sites:
 *
 *  1. Measure. Every element gets the number of visible characters below it,
 *     how many of them are link text, and how many are inside paragraph
 *     blocks (<p>, <pre>, <td>, and <div>s holding text of their own).
 *  2. Drop. These subtrees never hold article text:
 *     - by tag: script, style, noscript, template, iframe, svg, canvas,
 *       object, embed, video, audio, button, select, input, textarea; and nav,
 *       aside, header, footer, form, figure, figcaption, dialog;
 *     - by role: navigation, banner, contentinfo, complementary, search,
 *       menu, menubar, toolbar, dialog, alertdialog; aria-hidden="true", the
 *       `hidden` attribute, an inline style with display:none;
 *     - by name: a class or id word (split at anything not a letter or digit)
 *       among share, social, comment(s), related, recommended, promo,
 *       newsletter, subscribe, signup, ad(s), advert(isement), sponsor(ed),
 *       cookie, consent, popup, modal, sidebar, menu, nav, navbar,
 *       breadcrumb(s), pagination, pager, footer, masthead, byline, author,
 *       bio, tags, widget, outbrain, taboola, disqus, skip, print, hidden;
 *       or an aria-label naming an advertisement.
 *     The tag, role and name rules (not the first tag list, which cannot hold
 *     prose) spare an element holding more than half of the page's paragraph
 *     text: a site that wraps the whole page in a <form> or a
 *     class="has-sidebar" keeps its article.
 *  3. Score. Each paragraph block of 25 characters or more scores 1, plus 1
 *     per comma, plus 1 per 100 characters (at most 3); its parent gets the
 *     score and its grandparent half of it. An element's total is multiplied
 *     by 1 - (its link text / its text). The best element is the article;
 *     siblings of it join when they score at least a fifth of it (and 10), or
 *     are paragraphs of 80 characters or more with under a quarter link text.
 *  4. Write. Inside what was chosen (dropped subtrees still skipped):
 *     headings become "## ..." lines (one # per level), paragraphs plain
 *     text, list items "- ..." or "1. ...", block quotes "> ...", <pre> as
 *     it is; each block is separated by a blank line. A block that is mostly
 *     links (half its text or more) and short (under 200 characters) is a
 *     link list and is left out; so is a first heading repeating the title. */
#include "import/html.h"

#include <string.h>

typedef struct {
    size_t text, link, para; /* visible characters: all, inside <a>, inside paragraph blocks */
    double score;
    unsigned dropped : 1;
    unsigned chosen : 1;
} ninfo;

typedef struct {
    GArray *info; /* ninfo, indexed by the number kept in node->_private */
    size_t total_para;
} page;

static ninfo *info_of(page *p, const xmlNode *n) {
    size_t i = (size_t)(guintptr)n->_private;
    return i ? &g_array_index(p->info, ninfo, i - 1) : NULL;
}

/* Numbers every element (1-based, in _private, which libxml2 leaves to us). */
static void number(page *p, xmlNode *n, int depth) {
    for (xmlNode *c = n; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        ninfo zero = {0};
        g_array_append_val(p->info, zero);
        c->_private = (void *)(guintptr)p->info->len;
        if (depth < HTML_MAX_DEPTH) number(p, c->children, depth + 1);
    }
}

static int tag_in(const xmlNode *n, const char *const *tags) {
    for (; *tags; tags++)
        if (html_is(n, *tags)) return 1;
    return 0;
}

/* Cannot hold prose at all. */
static const char *const never_text[] = {
    "script", "style", "noscript", "template", "iframe", "svg",      "canvas", "object", "embed",
    "video",  "audio", "button",   "select",   "input",  "textarea", "head",   NULL};
/* Page furniture by its tag. */
static const char *const furniture_tags[] = {"nav",    "aside",      "header", "footer", "form",
                                             "figure", "figcaption", "dialog", "menu",   NULL};
static const char *const furniture_roles[] = {
    "navigation", "banner",  "contentinfo", "complementary", "search", "menu",
    "menubar",    "toolbar", "dialog",      "alertdialog",   NULL};
static const char *const furniture_words[] = {
    "share",         "sharing",    "social",      "comment",
    "comments",      "related",    "recommended", "recommendations",
    "promo",         "newsletter", "subscribe",   "subscription",
    "signup",        "ad",         "ads",         "advert",
    "advertisement", "sponsor",    "sponsored",   "cookie",
    "cookies",       "consent",    "popup",       "modal",
    "sidebar",       "menu",       "nav",         "navbar",
    "navigation",    "breadcrumb", "breadcrumbs", "pagination",
    "pager",         "footer",     "masthead",    "byline",
    "author",        "bio",        "tags",        "widget",
    "outbrain",      "taboola",    "disqus",      "skip",
    "print",         "hidden",     NULL};
static const char *const paragraph_tags[] = {"p", "pre", "td", NULL};

static int attr_has(const xmlNode *n, const char *attr, const char *const *values) {
    char *v = html_attr(n, attr);
    if (!v) return 0;
    char *lower = g_ascii_strdown(v, -1);
    int hit = 0;
    gchar **words = g_strsplit_set(lower, " \t\n", -1);
    for (gchar **w = words; *w && !hit; w++)
        for (const char *const *x = values; *x && !hit; x++)
            hit = strcmp(*w, *x) == 0;
    g_strfreev(words);
    g_free(lower);
    g_free(v);
    return hit;
}

static int hidden(const xmlNode *n) {
    char *v = html_attr(n, "hidden");
    int h = v != NULL;
    g_free(v);
    if (!h && (v = html_attr(n, "aria-hidden"))) {
        h = g_ascii_strcasecmp(v, "true") == 0;
        g_free(v);
    }
    if (!h && (v = html_attr(n, "style"))) {
        char *compact = g_ascii_strdown(v, -1);
        size_t j = 0;
        for (size_t i = 0; compact[i]; i++)
            if (compact[i] != ' ') compact[j++] = compact[i];
        compact[j] = '\0';
        h = strstr(compact, "display:none") != NULL || strstr(compact, "visibility:hidden");
        g_free(compact);
        g_free(v);
    }
    if (!h && (v = html_attr(n, "aria-label"))) {
        char *lower = g_ascii_strdown(v, -1);
        h = strstr(lower, "advertisement") != NULL;
        g_free(lower);
        g_free(v);
    }
    return h;
}

/* Visible characters of a text node (white space runs count as one). */
static size_t visible(const char *s) {
    size_t n = 0;
    int space = 1;
    for (; *s; s++) {
        int sp = *s == ' ' || *s == '\t' || *s == '\n' || *s == '\r';
        if (((unsigned char)*s & 0xC0) == 0x80) continue; /* count characters, not bytes */
        if (sp && !space) n++;
        if (!sp) n++;
        space = sp;
    }
    return n;
}

static int is_paragraph(page *p, const xmlNode *n, size_t own_text) {
    (void)p;
    return tag_in(n, paragraph_tags) || (html_is(n, "div") && own_text >= 25);
}

/* Pass 1 (and 3): text, link text and paragraph text below n, leaving out
 * never-text and dropped subtrees; with `score`, paragraph blocks score their
 * parent and grandparent. Returns the text below n. */
static void measure(page *p, xmlNode *n, int in_link, int score, int depth) {
    ninfo *in = info_of(p, n);
    in->text = in->link = in->para = 0;
    size_t own = 0;
    for (xmlNode *c = n->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE && c->content) {
            size_t v = visible((const char *)c->content);
            in->text += v;
            own += v;
            if (in_link) in->link += v;
            continue;
        }
        if (c->type != XML_ELEMENT_NODE || tag_in(c, never_text) || depth >= HTML_MAX_DEPTH)
            continue;
        ninfo *ci = info_of(p, c);
        if (!ci || ci->dropped) continue;
        measure(p, c, in_link || html_is(c, "a"), score, depth + 1);
        in->text += ci->text;
        in->link += ci->link;
        in->para += ci->para;
    }
    if (is_paragraph(p, n, own)) {
        in->para = in->text;
        if (score && in->text >= 25) {
            char *t = html_text_of(n);
            double s = 1;
            for (const char *q = t; *q; q++)
                s += *q == ',';
            s += in->text / 100 > 3 ? 3 : (double)(in->text / 100);
            g_free(t);
            xmlNode *parent = n->parent;
            if (parent && parent->type == XML_ELEMENT_NODE && info_of(p, parent)) {
                info_of(p, parent)->score += s;
                xmlNode *grand = parent->parent;
                if (grand && grand->type == XML_ELEMENT_NODE && info_of(p, grand))
                    info_of(p, grand)->score += s / 2;
            }
        }
    }
}

/* Pass 2: marks furniture, sparing what holds most of the paragraph text. */
static void drop(page *p, xmlNode *n, int depth) {
    for (xmlNode *c = n; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        ninfo *ci = info_of(p, c);
        if (!ci) continue;
        int furniture = tag_in(c, furniture_tags) || attr_has(c, "role", furniture_roles) ||
                        hidden(c) || html_name_has(c, furniture_words);
        if (furniture && !(html_is(c, "body") || html_is(c, "html")) &&
            !(ci->para * 2 > p->total_para)) {
            ci->dropped = 1;
            continue;
        }
        if (depth < HTML_MAX_DEPTH) drop(p, c->children, depth + 1);
    }
}

static double final_score(const ninfo *in) {
    if (!in->text) return 0;
    return in->score * (1.0 - (double)in->link / (double)in->text);
}

static void best_below(page *p, xmlNode *n, xmlNode **best, double *bs, int depth) {
    for (xmlNode *c = n; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        ninfo *ci = info_of(p, c);
        if (!ci || ci->dropped || tag_in(c, never_text)) continue;
        double s = final_score(ci);
        if (s > *bs) {
            *bs = s;
            *best = c;
        }
        if (depth < HTML_MAX_DEPTH) best_below(p, c->children, best, bs, depth + 1);
    }
}

/* ------------------------------------------------------------ writing */

typedef struct {
    page *p;
    GString *out;
    GString *line; /* the block being gathered */
    GString *prefix;
    const char *title;
    int headings;   /* headings written so far */
    int list_depth; /* nested lists */
    int blocks;
} writer;

static void flush(writer *w, const char *lead, int verbatim) {
    char *text = verbatim ? g_strdup(w->line->str) : imp_clean(w->line->str, w->line->len);
    g_string_truncate(w->line, 0);
    if (!*text) {
        g_free(text);
        return;
    }
    if (w->out->len) g_string_append(w->out, "\n\n");
    gchar **lines = g_strsplit(text, "\n", -1);
    for (gchar **l = lines; *l; l++) {
        if (l != lines) g_string_append_c(w->out, '\n');
        g_string_append(w->out, w->prefix->str);
        if (l == lines && lead) g_string_append(w->out, lead);
        g_string_append(w->out, *l);
    }
    g_strfreev(lines);
    g_free(text);
    w->blocks++;
}

static const char *const block_tags[] = {
    "p",     "div",   "section", "article",    "main",    "ul",      "ol",      "li",     "dl",
    "dt",    "dd",    "table",   "tr",         "td",      "th",      "h1",      "h2",     "h3",
    "h4",    "h5",    "h6",      "blockquote", "pre",     "hr",      "address", "center", "caption",
    "tbody", "thead", "tfoot",   "body",       "details", "summary", NULL};

static int heading_level(const xmlNode *n) {
    static const char *const h[] = {"h1", "h2", "h3", "h4", "h5", "h6"};
    for (int i = 0; i < 6; i++)
        if (html_is(n, h[i])) return i + 1;
    return 0;
}

/* Same words, ignoring case and white space: a heading repeating the title. */
static int same_text(const char *a, const char *b) {
    if (!a || !b) return 0;
    char *x = g_utf8_casefold(a, -1), *y = g_utf8_casefold(b, -1);
    int same = strcmp(x, y) == 0;
    g_free(x);
    g_free(y);
    return same;
}

static void write_node(writer *w, xmlNode *n, int depth);

static void write_children(writer *w, xmlNode *n, int depth) {
    for (xmlNode *c = n->children; c; c = c->next)
        write_node(w, c, depth + 1);
}

/* The text of a <pre> as it is laid out: its line breaks, and <br> as one. */
static void pre_text(const xmlNode *n, GString *out, int depth) {
    for (const xmlNode *c = n->children; c && depth < HTML_MAX_DEPTH; c = c->next) {
        if (c->type == XML_TEXT_NODE && c->content)
            g_string_append(out, (const char *)c->content);
        else if (html_is(c, "br"))
            g_string_append_c(out, '\n');
        else if (c->type == XML_ELEMENT_NODE && !html_is(c, "script") && !html_is(c, "style"))
            pre_text(c, out, depth + 1);
    }
}

static void write_pre(writer *w, xmlNode *n) {
    GString *s = g_string_new(NULL);
    pre_text(n, s, 0);
    /* trailing white space of each line, and blank lines around, go */
    gchar **lines = g_strsplit(s->str, "\n", -1);
    GString *kept = g_string_new(NULL);
    for (gchar **l = lines; *l; l++) {
        g_strchomp(*l);
        if (!**l && (kept->len == 0 || !l[1])) continue;
        if (kept->len) g_string_append_c(kept, '\n');
        g_string_append(kept, *l);
    }
    g_strfreev(lines);
    g_string_free(s, TRUE);
    g_string_append(w->line, kept->str);
    g_string_free(kept, TRUE);
    flush(w, NULL, 1);
}

/* A link whose text is only "#", "¶" or "§": a heading's anchor, not text. */
static int anchor_link(const xmlNode *n) {
    if (!html_is(n, "a")) return 0;
    char *t = html_text_of(n);
    int anchor = !strcmp(t, "#") || !strcmp(t, "\xC2\xB6") || !strcmp(t, "\xC2\xA7");
    g_free(t);
    return anchor;
}

static void write_node(writer *w, xmlNode *n, int depth) {
    if (depth > HTML_MAX_DEPTH) return;
    if (n->type == XML_TEXT_NODE) {
        if (n->content) g_string_append(w->line, (const char *)n->content);
        return;
    }
    if (n->type != XML_ELEMENT_NODE) return; /* comments, CDATA, processing instructions */
    ninfo *in = info_of(w->p, n);
    if (!in || in->dropped || tag_in(n, never_text)) return;
    if (html_is(n, "br")) {
        g_string_append_c(w->line, '\n');
        return;
    }
    if (html_is(n, "img")) return;
    if (anchor_link(n)) return;
    if (html_is_inline(n)) { /* its text joins the block */
        write_children(w, n, depth);
        return;
    }
    if (!tag_in(n, block_tags)) { /* unknown elements separate words but start no block */
        g_string_append_c(w->line, ' ');
        write_children(w, n, depth);
        g_string_append_c(w->line, ' ');
        return;
    }
    /* a block: what came before it is a block of its own */
    flush(w, NULL, 0);
    /* a short run of links is a link list, not prose */
    if (in->text && in->link * 2 >= in->text && in->text < 200 && !heading_level(n)) return;
    int level = heading_level(n);
    if (level) {
        char *t = html_text_of(n);
        int repeat = w->headings == 0 && same_text(t, w->title);
        g_free(t);
        w->headings++;
        if (repeat) return;
        write_children(w, n, depth);
        char lead[8];
        memset(lead, '#', (size_t)level);
        lead[level] = ' ';
        lead[level + 1] = '\0';
        char *flat = imp_clean(w->line->str, w->line->len); /* a heading is one line */
        g_string_assign(w->line, flat);
        g_free(flat);
        flush(w, lead, 0);
        return;
    }
    if (html_is(n, "pre")) {
        write_pre(w, n);
        return;
    }
    if (html_is(n, "blockquote")) {
        size_t plen = w->prefix->len;
        g_string_append(w->prefix, "> ");
        write_children(w, n, depth);
        flush(w, NULL, 0);
        g_string_truncate(w->prefix, plen);
        return;
    }
    if (html_is(n, "ul") || html_is(n, "ol")) {
        int ordered = html_is(n, "ol"), k = 0;
        w->list_depth++;
        for (xmlNode *c = n->children; c; c = c->next) {
            if (!html_is(c, "li")) {
                write_node(w, c, depth + 1);
                continue;
            }
            ninfo *ci = info_of(w->p, c);
            if (!ci || ci->dropped) continue;
            if (ci->text && ci->link * 2 >= ci->text && ci->text < 200) continue;
            char lead[32];
            snprintf(lead, sizeof lead, "%*s%s", 2 * (w->list_depth - 1), "", ordered ? "" : "- ");
            if (ordered) snprintf(lead + strlen(lead), sizeof lead - strlen(lead), "%d. ", ++k);
            /* the item's own text first, then any nested list */
            for (xmlNode *g = c->children; g; g = g->next) {
                if (html_is(g, "ul") || html_is(g, "ol")) {
                    flush(w, lead, 0);
                    write_node(w, g, depth + 2);
                } else {
                    write_node(w, g, depth + 2);
                }
            }
            flush(w, lead, 0);
        }
        w->list_depth--;
        return;
    }
    write_children(w, n, depth);
    flush(w, NULL, 0);
}

/* Joins list items written as separate blocks into one list: "- a\n\n- b"
 * becomes "- a\n- b", so a list reads as a list. */
static void tighten_lists(GString *s) {
    GString *out = g_string_sized_new(s->len);
    gchar **blocks = g_strsplit(s->str, "\n\n", -1);
    for (gchar **b = blocks; *b; b++) {
        if (b != blocks) {
            const char *prev = b[-1], *cur = *b;
            while (*cur == '>' || *cur == ' ')
                cur++;
            while (*prev == '>' || *prev == ' ')
                prev++;
            int item =
                (cur[0] == '-' && cur[1] == ' ') ||
                (g_ascii_isdigit(cur[0]) && strstr(cur, ". ") && strstr(cur, ". ") - cur < 4);
            int prev_item =
                (prev[0] == '-' && prev[1] == ' ') ||
                (g_ascii_isdigit(prev[0]) && strstr(prev, ". ") && strstr(prev, ". ") - prev < 4);
            g_string_append(out, item && prev_item ? "\n" : "\n\n");
        }
        g_string_append(out, *b);
    }
    g_strfreev(blocks);
    g_string_assign(s, out->str);
    g_string_free(out, TRUE);
}

void html_extract_text(xmlDocPtr doc, imp_doc *d) {
    xmlNode *root = xmlDocGetRootElement(doc);
    if (!root) return;
    page p = {g_array_new(FALSE, TRUE, sizeof(ninfo)), 0};
    number(&p, root, 0);
    measure(&p, root, 0, 0, 0);
    p.total_para = info_of(&p, root)->para;
    drop(&p, root, 0);
    measure(&p, root, 0, 1, 0);

    xmlNode *best = NULL;
    double bs = 0;
    best_below(&p, root, &best, &bs, 0);
    if (!best) {
        best = html_find(root, "body", 0);
        if (!best) best = root;
        imp_note(d, "no paragraphs found: the whole page body was taken as the text");
    }
    info_of(&p, best)->chosen = 1;
    if (best->parent && best->parent->type == XML_ELEMENT_NODE) {
        double floor = bs / 5 > 10 ? bs / 5 : 10;
        for (xmlNode *s = best->parent->children; s; s = s->next) {
            ninfo *si = s->type == XML_ELEMENT_NODE ? info_of(&p, s) : NULL;
            if (!si || s == best || si->dropped || tag_in(s, never_text)) continue;
            int prose = html_is(s, "p") && si->text >= 80 && si->link * 4 < si->text;
            if (final_score(si) >= floor || prose) si->chosen = 1;
        }
    }
    writer w = {&p, d->text, g_string_new(NULL), g_string_new(NULL), d->value[F_TITLE], 0, 0, 0};
    xmlNode *from = best->parent && best->parent->type == XML_ELEMENT_NODE ? best->parent : best;
    for (xmlNode *s = from == best ? best : from->children; s; s = s->next) {
        ninfo *si = s->type == XML_ELEMENT_NODE ? info_of(&p, s) : NULL;
        if (si && si->chosen) {
            write_node(&w, s, 0);
            flush(&w, NULL, 0);
        }
        if (from == best) break;
    }
    tighten_lists(d->text);
    /* a page that lies about its encoding can leave bytes that are no UTF-8 */
    if (!g_utf8_validate(d->text->str, (gssize)d->text->len, NULL)) {
        char *valid = g_utf8_make_valid(d->text->str, (gssize)d->text->len);
        g_string_assign(d->text, valid);
        g_free(valid);
    }
    g_string_free(w.line, TRUE);
    g_string_free(w.prefix, TRUE);
    g_array_free(p.info, TRUE);
}
