/* See json.h. */
#include "json.h"

#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- arena */

struct json_chunk {
    struct json_chunk *next;
    size_t used;
    size_t cap;
};

#define CHUNK_HEADER ((sizeof(struct json_chunk) + 15) & ~(size_t)15)
#define CHUNK_DATA ((size_t)64 * 1024 - CHUNK_HEADER)

static void *arena_alloc(json_doc *doc, size_t n) {
    n = (n + 7) & ~(size_t)7;
    struct json_chunk *c = doc->chunks;
    if (c != NULL && c->cap - c->used >= n) {
        void *p = (char *)c + CHUNK_HEADER + c->used;
        c->used += n;
        return p;
    }
    size_t cap = n > CHUNK_DATA ? n : CHUNK_DATA;
    if (cap > SIZE_MAX - CHUNK_HEADER) return NULL;
    struct json_chunk *fresh = malloc(CHUNK_HEADER + cap);
    if (fresh == NULL) return NULL;
    fresh->cap = cap;
    fresh->used = n;
    if (c != NULL && n > CHUNK_DATA / 4) {
        /* a big block: keep allocating small ones from the current chunk */
        fresh->next = c->next;
        c->next = fresh;
    } else {
        fresh->next = c;
        doc->chunks = fresh;
    }
    return (char *)fresh + CHUNK_HEADER;
}

void json_free(json_doc *doc) {
    struct json_chunk *c = doc->chunks;
    while (c != NULL) {
        struct json_chunk *next = c->next;
        free(c);
        c = next;
    }
    doc->chunks = NULL;
    doc->root = NULL;
}

/* ---------------------------------------------------------------- UTF-8 */

/* The length of the valid UTF-8 sequence at s (n bytes available), or 0 if it is invalid. */
static size_t utf8_seq(const unsigned char *s, size_t n) {
    unsigned c = s[0];
    if (c < 0x80) return 1;
    if (c < 0xC2) return 0; /* continuation byte or overlong 2-byte lead */
    if (c < 0xE0) return n >= 2 && (s[1] & 0xC0) == 0x80 ? 2 : 0;
    unsigned lo = 0x80, hi = 0xBF;
    if (c < 0xF0) {
        if (c == 0xE0) lo = 0xA0;      /* overlong */
        else if (c == 0xED) hi = 0x9F; /* UTF-16 surrogates */
        if (n < 3 || s[1] < lo || s[1] > hi || (s[2] & 0xC0) != 0x80) return 0;
        return 3;
    }
    if (c < 0xF5) {
        if (c == 0xF0) lo = 0x90;      /* overlong */
        else if (c == 0xF4) hi = 0x8F; /* beyond U+10FFFF */
        if (n < 4 || s[1] < lo || s[1] > hi || (s[2] & 0xC0) != 0x80 || (s[3] & 0xC0) != 0x80) return 0;
        return 4;
    }
    return 0;
}

size_t json_utf8_invalid_at(const char *s, size_t len) {
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        if (u[i] < 0x80) {
            i++;
            continue;
        }
        size_t k = utf8_seq(u + i, len - i);
        if (k == 0) return i;
        i += k;
    }
    return (size_t)-1;
}

static size_t utf8_put(char *out, uint32_t cp) {
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* ---------------------------------------------------------------- reader */

typedef struct {
    const unsigned char *s;
    size_t len;
    size_t pos;
    json_doc *doc;
} parser;

static int fail(parser *p, size_t at, const char *msg) {
    if (p->doc->error[0] == '\0') {
        size_t n = strlen(msg);
        if (n >= sizeof p->doc->error) n = sizeof p->doc->error - 1;
        memcpy(p->doc->error, msg, n);
        p->doc->error[n] = '\0';
        p->doc->error_at = at;
    }
    return -1;
}

static void skip_ws(parser *p) {
    while (p->pos < p->len) {
        unsigned char c = p->s[p->pos];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') break;
        p->pos++;
    }
}

static int hex4(const unsigned char *s, uint32_t *out) {
    uint32_t v = 0;
    for (int i = 0; i < 4; i++) {
        unsigned c = s[i];
        v <<= 4;
        if (c >= '0' && c <= '9') v |= c - '0';
        else if (c >= 'a' && c <= 'f') v |= c - 'a' + 10;
        else if (c >= 'A' && c <= 'F') v |= c - 'A' + 10;
        else return -1;
    }
    *out = v;
    return 0;
}

/* p->pos is at the opening quote. */
static int parse_string(parser *p, const char **out, size_t *out_len) {
    const unsigned char *s = p->s;
    size_t open = p->pos, i = open + 1, end;
    for (;;) { /* find the closing quote; the decoded text is never longer than the source */
        if (i >= p->len) return fail(p, open, "unterminated string");
        unsigned char c = s[i];
        if (c == '"') break;
        if (c < 0x20) return fail(p, i, "control character in string (must be escaped)");
        i += c == '\\' ? 2 : 1;
    }
    end = i;
    char *buf = arena_alloc(p->doc, end - open);
    if (buf == NULL) return fail(p, open, "out of memory");
    size_t n = 0;
    i = open + 1;
    while (i < end) {
        unsigned char c = s[i];
        if (c == '\\') {
            unsigned char e = s[i + 1];
            switch (e) {
            case '"': buf[n++] = '"'; break;
            case '\\': buf[n++] = '\\'; break;
            case '/': buf[n++] = '/'; break;
            case 'b': buf[n++] = '\b'; break;
            case 'f': buf[n++] = '\f'; break;
            case 'n': buf[n++] = '\n'; break;
            case 'r': buf[n++] = '\r'; break;
            case 't': buf[n++] = '\t'; break;
            case 'u': {
                uint32_t cp, lo;
                if (end - i < 6 || hex4(s + i + 2, &cp) != 0) return fail(p, i, "invalid \\u escape");
                if (cp >= 0xDC00 && cp <= 0xDFFF) return fail(p, i, "unpaired surrogate in \\u escape");
                if (cp >= 0xD800 && cp <= 0xDBFF) {
                    if (end - i < 12 || s[i + 6] != '\\' || s[i + 7] != 'u' || hex4(s + i + 8, &lo) != 0
                            || lo < 0xDC00 || lo > 0xDFFF)
                        return fail(p, i, "unpaired surrogate in \\u escape");
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    i += 6;
                }
                n += utf8_put(buf + n, cp);
                i += 4;
                break;
            }
            default: return fail(p, i, "invalid escape in string");
            }
            i += 2;
        } else if (c < 0x80) {
            buf[n++] = (char)c;
            i++;
        } else {
            size_t k = utf8_seq(s + i, end - i);
            if (k == 0) return fail(p, i, "invalid UTF-8 in string");
            memcpy(buf + n, s + i, k);
            n += k;
            i += k;
        }
    }
    buf[n] = '\0';
    *out = buf;
    *out_len = n;
    p->pos = end + 1;
    return 0;
}

static int is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

static int parse_number(parser *p, json_value *v) {
    const unsigned char *s = p->s;
    size_t start = p->pos, i = start;
    if (i < p->len && s[i] == '-') i++;
    if (i >= p->len || !is_digit(s[i])) return fail(p, i, "invalid number");
    if (s[i] == '0') {
        i++;
        if (i < p->len && is_digit(s[i])) return fail(p, i, "leading zero in number");
    } else {
        while (i < p->len && is_digit(s[i])) i++;
    }
    if (i < p->len && s[i] == '.') {
        i++;
        if (i >= p->len || !is_digit(s[i])) return fail(p, i, "expected a digit after '.'");
        while (i < p->len && is_digit(s[i])) i++;
    }
    if (i < p->len && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < p->len && (s[i] == '+' || s[i] == '-')) i++;
        if (i >= p->len || !is_digit(s[i])) return fail(p, i, "expected a digit in the exponent");
        while (i < p->len && is_digit(s[i])) i++;
    }
    char *text = arena_alloc(p->doc, i - start + 1);
    if (text == NULL) return fail(p, start, "out of memory");
    memcpy(text, s + start, i - start);
    text[i - start] = '\0';
    v->type = JSON_NUMBER;
    v->u.str.ptr = text;
    v->u.str.len = i - start;
    p->pos = i;
    return 0;
}

static int parse_literal(parser *p, const char *word, json_type type, json_value *v) {
    size_t n = strlen(word);
    if (p->len - p->pos < n || memcmp(p->s + p->pos, word, n) != 0) return fail(p, p->pos, "invalid literal");
    p->pos += n;
    v->type = type;
    return 0;
}

static int parse_value(parser *p, json_value *v, unsigned depth);

static int parse_container(parser *p, json_value *v, unsigned depth) {
    int object = p->s[p->pos] == '{';
    char close = object ? '}' : ']';
    if (depth >= JSON_MAX_DEPTH) return fail(p, p->pos, "nesting too deep");
    v->type = object ? JSON_OBJECT : JSON_ARRAY;
    p->pos++;
    skip_ws(p);
    if (p->pos < p->len && p->s[p->pos] == close) {
        p->pos++;
        return 0;
    }
    json_value **tail = &v->u.kids.first;
    for (;;) {
        json_value *kid = arena_alloc(p->doc, sizeof *kid);
        if (kid == NULL) return fail(p, p->pos, "out of memory");
        memset(kid, 0, sizeof *kid);
        if (object) {
            if (p->pos >= p->len) return fail(p, p->pos, "unexpected end of input");
            if (p->s[p->pos] != '"') return fail(p, p->pos, "expected a string key");
            if (parse_string(p, &kid->key, &kid->key_len) != 0) return -1;
            skip_ws(p);
            if (p->pos >= p->len) return fail(p, p->pos, "unexpected end of input");
            if (p->s[p->pos] != ':') return fail(p, p->pos, "expected ':' after an object key");
            p->pos++;
        }
        if (parse_value(p, kid, depth + 1) != 0) return -1;
        *tail = kid;
        tail = &kid->next;
        v->u.kids.count++;
        skip_ws(p);
        if (p->pos >= p->len) return fail(p, p->pos, "unexpected end of input");
        unsigned char c = p->s[p->pos++];
        if (c == close) return 0;
        if (c != ',') return fail(p, p->pos - 1, object ? "expected ',' or '}'" : "expected ',' or ']'");
        skip_ws(p);
    }
}

static int parse_value(parser *p, json_value *v, unsigned depth) {
    skip_ws(p);
    if (p->pos >= p->len) return fail(p, p->pos, "unexpected end of input");
    switch (p->s[p->pos]) {
    case '{':
    case '[': return parse_container(p, v, depth);
    case '"':
        v->type = JSON_STRING;
        return parse_string(p, &v->u.str.ptr, &v->u.str.len);
    case 't': return parse_literal(p, "true", JSON_TRUE, v);
    case 'f': return parse_literal(p, "false", JSON_FALSE, v);
    case 'n': return parse_literal(p, "null", JSON_NULL, v);
    default:
        if (p->s[p->pos] == '-' || is_digit(p->s[p->pos])) return parse_number(p, v);
        return fail(p, p->pos, "unexpected character");
    }
}

int json_parse(json_doc *doc, const char *text, size_t len) {
    memset(doc, 0, sizeof *doc);
    parser p = {(const unsigned char *)text, len, 0, doc};
    json_value *root = arena_alloc(doc, sizeof *root);
    if (root == NULL) return fail(&p, 0, "out of memory");
    memset(root, 0, sizeof *root);
    if (parse_value(&p, root, 0) != 0) return -1;
    skip_ws(&p);
    if (p.pos != len) return fail(&p, p.pos, "unexpected data after the JSON value");
    doc->root = root;
    return 0;
}

/* ---------------------------------------------------------------- access */

json_value *json_get(const json_value *obj, const char *key) {
    if (obj == NULL || obj->type != JSON_OBJECT) return NULL;
    size_t n = strlen(key);
    json_value *found = NULL;
    for (json_value *m = obj->u.kids.first; m != NULL; m = m->next)
        if (m->key_len == n && memcmp(m->key, key, n) == 0) found = m;
    return found;
}

const char *json_string(const json_value *v, size_t *len) {
    if (v == NULL || v->type != JSON_STRING) return NULL;
    if (len != NULL) *len = v->u.str.len;
    return v->u.str.ptr;
}

int json_int64(const json_value *v, int64_t *out) {
    if (v == NULL || v->type != JSON_NUMBER) return 0;
    const char *s = v->u.str.ptr;
    int neg = *s == '-';
    if (neg) s++;
    uint64_t limit = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX, acc = 0;
    for (; *s != '\0'; s++) {
        if (!is_digit((unsigned char)*s)) return 0; /* fraction or exponent */
        unsigned d = (unsigned)(*s - '0');
        if (acc > (limit - d) / 10) return 0;
        acc = acc * 10 + d;
    }
    *out = neg ? (int64_t)(0 - acc) : (int64_t)acc;
    return 1;
}

double json_double(const json_value *v) {
    return v != NULL && v->type == JSON_NUMBER ? strtod(v->u.str.ptr, NULL) : 0.0;
}

const char *json_type_name(const json_value *v) {
    if (v == NULL) return "missing";
    switch (v->type) {
    case JSON_NULL: return "null";
    case JSON_FALSE:
    case JSON_TRUE: return "boolean";
    case JSON_NUMBER: return "number";
    case JSON_STRING: return "string";
    case JSON_ARRAY: return "array";
    default: return "object";
    }
}

const char *json_unknown_key(const json_value *obj, const char *const *allowed) {
    if (obj == NULL || obj->type != JSON_OBJECT) return NULL;
    for (json_value *m = obj->u.kids.first; m != NULL; m = m->next) {
        int ok = 0;
        for (const char *const *a = allowed; *a != NULL && !ok; a++)
            ok = strlen(*a) == m->key_len && memcmp(*a, m->key, m->key_len) == 0;
        if (!ok) return m->key;
    }
    return NULL;
}

/* ---------------------------------------------------------------- buffer */

void json_buf_reserve(json_buf *b, size_t extra) {
    if (b->oom) return;
    if (extra > SIZE_MAX - b->len - 1) {
        b->oom = 1;
        return;
    }
    size_t need = b->len + extra + 1;
    if (need <= b->cap) return;
    size_t cap = b->cap < 256 ? 256 : b->cap;
    if (b->cap == 0 && need > cap) cap = need; /* a first, sized reservation: take it exactly */
    while (cap < need) cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    char *p = realloc(b->ptr, cap);
    if (p == NULL && cap > need) p = realloc(b->ptr, cap = need); /* retry without headroom */
    if (p == NULL) {
        b->oom = 1;
        return;
    }
    b->ptr = p;
    b->cap = cap;
}

void json_buf_put(json_buf *b, const char *s, size_t n) {
    json_buf_reserve(b, n);
    if (b->oom) return;
    memcpy(b->ptr + b->len, s, n);
    b->len += n;
    b->ptr[b->len] = '\0';
}

void json_buf_puts(json_buf *b, const char *s) { json_buf_put(b, s, strlen(s)); }

void json_buf_putc(json_buf *b, char c) { json_buf_put(b, &c, 1); }

void json_buf_putu(json_buf *b, uint64_t v) {
    char tmp[20];
    size_t i = sizeof tmp;
    do {
        tmp[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v != 0);
    json_buf_put(b, tmp + i, sizeof tmp - i);
}

void json_buf_puti(json_buf *b, int64_t v) {
    if (v < 0) {
        json_buf_putc(b, '-');
        json_buf_putu(b, (uint64_t)0 - (uint64_t)v);
    } else {
        json_buf_putu(b, (uint64_t)v);
    }
}

void json_buf_free(json_buf *b) {
    free(b->ptr);
    b->ptr = NULL;
    b->len = b->cap = 0;
}

/* ---------------------------------------------------------------- writer */

static void before_value(json_writer *w) {
    if (w->after_key) {
        w->after_key = 0;
        return;
    }
    if (w->depth == 0) {
        if (w->out.len != 0) w->misuse = 1; /* a second top-level value */
        return;
    }
    if (w->has_items[w->depth]) json_buf_putc(&w->out, ',');
    w->has_items[w->depth] = 1;
}

static void open_container(json_writer *w, char c) {
    before_value(w);
    json_buf_putc(&w->out, c);
    if (w->depth >= JSON_MAX_DEPTH) {
        w->misuse = 1;
        return;
    }
    w->has_items[++w->depth] = 0;
}

static void close_container(json_writer *w, char c) {
    if (w->depth == 0 || w->after_key) w->misuse = 1;
    else w->depth--;
    json_buf_putc(&w->out, c);
}

void json_obj_begin(json_writer *w) { open_container(w, '{'); }
void json_obj_end(json_writer *w) { close_container(w, '}'); }
void json_arr_begin(json_writer *w) { open_container(w, '['); }
void json_arr_end(json_writer *w) { close_container(w, ']'); }

static int needs_escape(unsigned char c) { return c < 0x20 || c == '"' || c == '\\'; }

size_t json_escaped_size(const char *s, size_t len) {
    size_t n = 2;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!needs_escape(c)) n += 1;
        else if (c == '"' || c == '\\' || c == '\b' || c == '\f' || c == '\n' || c == '\r' || c == '\t') n += 2;
        else n += 6;
    }
    return n;
}

static void write_escaped(json_buf *b, const char *s, size_t len) {
    static const char hex[] = "0123456789abcdef";
    json_buf_reserve(b, json_escaped_size(s, len));
    json_buf_putc(b, '"');
    size_t run = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!needs_escape(c)) continue;
        json_buf_put(b, s + run, i - run);
        run = i + 1;
        char esc[6] = {'\\', 0, 0, 0, 0, 0};
        size_t n = 2;
        switch (c) {
        case '"': esc[1] = '"'; break;
        case '\\': esc[1] = '\\'; break;
        case '\b': esc[1] = 'b'; break;
        case '\f': esc[1] = 'f'; break;
        case '\n': esc[1] = 'n'; break;
        case '\r': esc[1] = 'r'; break;
        case '\t': esc[1] = 't'; break;
        default:
            esc[1] = 'u';
            esc[2] = '0';
            esc[3] = '0';
            esc[4] = hex[c >> 4];
            esc[5] = hex[c & 15];
            n = 6;
        }
        json_buf_put(b, esc, n);
    }
    json_buf_put(b, s + run, len - run);
    json_buf_putc(b, '"');
}

void json_key_n(json_writer *w, const char *key, size_t len) {
    if (w->depth == 0 || w->after_key) w->misuse = 1;
    if (w->has_items[w->depth]) json_buf_putc(&w->out, ',');
    w->has_items[w->depth] = 1;
    write_escaped(&w->out, key, len);
    json_buf_putc(&w->out, ':');
    w->after_key = 1;
}

void json_key(json_writer *w, const char *key) { json_key_n(w, key, strlen(key)); }

void json_str_n(json_writer *w, const char *s, size_t len) {
    before_value(w);
    write_escaped(&w->out, s, len);
}

void json_str(json_writer *w, const char *s) { json_str_n(w, s, strlen(s)); }

void json_int(json_writer *w, int64_t v) {
    before_value(w);
    json_buf_puti(&w->out, v);
}

void json_bool(json_writer *w, int v) {
    before_value(w);
    json_buf_puts(&w->out, v ? "true" : "false");
}

void json_null(json_writer *w) {
    before_value(w);
    json_buf_puts(&w->out, "null");
}

void json_value_write(json_writer *w, const json_value *v) {
    if (v == NULL) {
        json_null(w);
        return;
    }
    switch (v->type) {
    case JSON_NULL: json_null(w); break;
    case JSON_FALSE: json_bool(w, 0); break;
    case JSON_TRUE: json_bool(w, 1); break;
    case JSON_NUMBER:
        before_value(w);
        json_buf_put(&w->out, v->u.str.ptr, v->u.str.len);
        break;
    case JSON_STRING: json_str_n(w, v->u.str.ptr, v->u.str.len); break;
    case JSON_ARRAY:
    case JSON_OBJECT:
        open_container(w, v->type == JSON_OBJECT ? '{' : '[');
        for (const json_value *k = v->u.kids.first; k != NULL; k = k->next) {
            if (v->type == JSON_OBJECT) json_key_n(w, k->key, k->key_len);
            json_value_write(w, k);
        }
        close_container(w, v->type == JSON_OBJECT ? '}' : ']');
        break;
    }
}
