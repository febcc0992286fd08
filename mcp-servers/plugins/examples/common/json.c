/* See json.h. */
#include "json.h"

#include <stdlib.h>
#include <string.h>

/* Four bytes at a time (the interpreter runs every wasm instruction one by one, so scanning words
   instead of bytes pays). Each helper is exact about whether some byte qualifies. */
static uint32_t load4(const void *p) {
    uint32_t w;
    memcpy(&w, p, 4);
    return w;
}
static uint32_t has_byte(uint32_t w, uint32_t byte) {
    uint32_t x = w ^ (byte * 0x01010101u);
    return (x - 0x01010101u) & ~x & 0x80808080u;
}
static uint32_t has_control(uint32_t w) { return (w - 0x20202020u) & ~w & 0x80808080u; }
/* '"', '\\' or a control character: what a JSON string must escape */
static uint32_t has_escapable(uint32_t w) { return has_byte(w, '"') | has_byte(w, '\\') | has_control(w); }

/* ---------------------------------------------------------------- arena */

/* Chunks form a list, newest first; allocation bumps `used` in the newest one. */
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
    fresh->next = c;
    doc->chunks = fresh;
    return (char *)fresh + CHUNK_HEADER;
}

json_mark json_arena_mark(const json_doc *doc) {
    json_mark m = {doc->chunks, doc->chunks != NULL ? doc->chunks->used : 0};
    return m;
}

void json_arena_reset(json_doc *doc, json_mark mark) {
    while (doc->chunks != NULL && doc->chunks != mark.chunk) {
        struct json_chunk *next = doc->chunks->next;
        free(doc->chunks);
        doc->chunks = next;
    }
    if (doc->chunks != NULL) doc->chunks->used = mark.used;
}

void json_free(json_doc *doc) {
    json_arena_reset(doc, (json_mark){NULL, 0});
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
        if (len - i >= 4 && (load4(u + i) & 0x80808080u) == 0) {
            i += 4;
            continue;
        }
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

/* The parser is the cursor; every parse_* function builds a tree when given somewhere to put it,
   and only validates when given NULL. */

#define ST_OBJECT 1
#define ST_HAS_VALUE 2

static int fail(json_cursor *c, size_t at, const char *msg) {
    json_doc *doc = c->doc;
    if (doc->error[0] == '\0') {
        size_t n = strlen(msg);
        if (n >= sizeof doc->error) n = sizeof doc->error - 1;
        memcpy(doc->error, msg, n);
        doc->error[n] = '\0';
        doc->error_at = at;
    }
    return -1;
}

static void skip_ws(json_cursor *c) {
    while (c->pos < c->len) {
        unsigned char ch = c->s[c->pos];
        if (ch != ' ' && ch != '\n' && ch != '\t' && ch != '\r') break;
        c->pos++;
    }
}

static int hex4(const unsigned char *s, uint32_t *out) {
    uint32_t v = 0;
    for (int i = 0; i < 4; i++) {
        unsigned ch = s[i];
        v <<= 4;
        if (ch >= '0' && ch <= '9') v |= ch - '0';
        else if (ch >= 'a' && ch <= 'f') v |= ch - 'a' + 10;
        else if (ch >= 'A' && ch <= 'F') v |= ch - 'A' + 10;
        else return -1;
    }
    *out = v;
    return 0;
}

/* c->pos is at the opening quote. With out == NULL, validates only. */
static int parse_string(json_cursor *c, const char **out, size_t *out_len) {
    const unsigned char *s = c->s;
    size_t open = c->pos, len = c->len, i = open + 1;
    /* fast path: printable ASCII without escapes, the common case */
    while (len - i >= 4) {
        uint32_t w = load4(s + i);
        if (has_escapable(w) | (w & 0x80808080u)) break;
        i += 4;
    }
    while (i < len) {
        unsigned ch = s[i];
        if (ch == '"' || ch == '\\' || ch - 0x20u >= 0x60u) break;
        i++;
    }
    size_t plain = i - (open + 1);
    char *buf = NULL;
    if (i < len && s[i] == '"') {
        if (out != NULL) {
            buf = arena_alloc(c->doc, plain + 1);
            if (buf == NULL) return fail(c, open, "out of memory");
            memcpy(buf, s + open + 1, plain);
            buf[plain] = '\0';
            *out = buf;
            *out_len = plain;
        }
        c->pos = i + 1;
        return 0;
    }
    if (out != NULL) { /* find the end: the decoded text is never longer than the source */
        size_t end = i;
        for (;;) {
            if (end >= len) return fail(c, open, "unterminated string");
            unsigned ch = s[end];
            if (ch == '"') break;
            if (ch < 0x20) return fail(c, end, "control character in string (must be escaped)");
            end += ch == '\\' ? 2 : 1;
        }
        buf = arena_alloc(c->doc, end - open);
        if (buf == NULL) return fail(c, open, "out of memory");
        memcpy(buf, s + open + 1, plain);
    }
    size_t n = plain;
    for (;;) {
        if (i >= len) return fail(c, open, "unterminated string");
        unsigned ch = s[i];
        if (ch == '"') break;
        if (ch == '\\') {
            if (i + 1 >= len) return fail(c, open, "unterminated string");
            char e;
            switch (s[i + 1]) {
            case '"': e = '"'; break;
            case '\\': e = '\\'; break;
            case '/': e = '/'; break;
            case 'b': e = '\b'; break;
            case 'f': e = '\f'; break;
            case 'n': e = '\n'; break;
            case 'r': e = '\r'; break;
            case 't': e = '\t'; break;
            case 'u': {
                uint32_t cp, lo;
                if (len - i < 6 || hex4(s + i + 2, &cp) != 0) return fail(c, i, "invalid \\u escape");
                if (cp >= 0xDC00 && cp <= 0xDFFF) return fail(c, i, "unpaired surrogate in \\u escape");
                if (cp >= 0xD800 && cp <= 0xDBFF) {
                    if (len - i < 12 || s[i + 6] != '\\' || s[i + 7] != 'u' || hex4(s + i + 8, &lo) != 0
                            || lo < 0xDC00 || lo > 0xDFFF)
                        return fail(c, i, "unpaired surrogate in \\u escape");
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    i += 6;
                }
                if (buf != NULL) n += utf8_put(buf + n, cp);
                i += 6;
                continue;
            }
            default: return fail(c, i, "invalid escape in string");
            }
            if (buf != NULL) buf[n++] = e;
            i += 2;
        } else if (ch < 0x20) {
            return fail(c, i, "control character in string (must be escaped)");
        } else if (ch < 0x80) {
            if (buf != NULL) buf[n++] = (char)ch;
            i++;
        } else {
            size_t k = utf8_seq(s + i, len - i);
            if (k == 0) return fail(c, i, "invalid UTF-8 in string");
            if (buf != NULL) {
                memcpy(buf + n, s + i, k);
                n += k;
            }
            i += k;
        }
    }
    if (buf != NULL) {
        buf[n] = '\0';
        *out = buf;
        *out_len = n;
    }
    c->pos = i + 1;
    return 0;
}

static int is_digit(unsigned char ch) { return ch >= '0' && ch <= '9'; }

static int parse_number(json_cursor *c, json_value *v) {
    const unsigned char *s = c->s;
    size_t start = c->pos, i = start, len = c->len;
    if (i < len && s[i] == '-') i++;
    if (i >= len || !is_digit(s[i])) return fail(c, i, "invalid number");
    if (s[i] == '0') {
        i++;
        if (i < len && is_digit(s[i])) return fail(c, i, "leading zero in number");
    } else {
        while (i < len && is_digit(s[i])) i++;
    }
    if (i < len && s[i] == '.') {
        i++;
        if (i >= len || !is_digit(s[i])) return fail(c, i, "expected a digit after '.'");
        while (i < len && is_digit(s[i])) i++;
    }
    if (i < len && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < len && (s[i] == '+' || s[i] == '-')) i++;
        if (i >= len || !is_digit(s[i])) return fail(c, i, "expected a digit in the exponent");
        while (i < len && is_digit(s[i])) i++;
    }
    if (v != NULL) {
        char *text = arena_alloc(c->doc, i - start + 1);
        if (text == NULL) return fail(c, start, "out of memory");
        memcpy(text, s + start, i - start);
        text[i - start] = '\0';
        v->type = JSON_NUMBER;
        v->u.str.ptr = text;
        v->u.str.len = i - start;
    }
    c->pos = i;
    return 0;
}

static int parse_literal(json_cursor *c, const char *word, size_t n, json_type type, json_value *v) {
    if (c->len - c->pos < n || memcmp(c->s + c->pos, word, n) != 0) return fail(c, c->pos, "invalid literal");
    c->pos += n;
    if (v != NULL) v->type = type;
    return 0;
}

static int parse_value(json_cursor *c, json_value *v, unsigned depth);

static json_value *new_node(json_cursor *c) {
    json_value *v = arena_alloc(c->doc, sizeof *v);
    if (v == NULL) {
        fail(c, c->pos, "out of memory");
        return NULL;
    }
    v->type = JSON_NULL;
    v->next = NULL;
    v->key = NULL;
    v->key_len = 0;
    v->u.kids.first = NULL;
    v->u.kids.count = 0;
    return v;
}

/* c->pos is at '{' or '['. */
static int parse_container(json_cursor *c, json_value *v, unsigned depth) {
    int object = c->s[c->pos] == '{';
    unsigned char close = object ? '}' : ']';
    if (depth >= JSON_MAX_DEPTH) return fail(c, c->pos, "nesting too deep");
    if (v != NULL) v->type = object ? JSON_OBJECT : JSON_ARRAY;
    c->pos++;
    skip_ws(c);
    if (c->pos < c->len && c->s[c->pos] == close) {
        c->pos++;
        return 0;
    }
    json_value **tail = v != NULL ? &v->u.kids.first : NULL;
    for (;;) {
        json_value *kid = NULL;
        if (v != NULL && (kid = new_node(c)) == NULL) return -1;
        if (object) {
            if (c->pos >= c->len) return fail(c, c->pos, "unexpected end of input");
            if (c->s[c->pos] != '"') return fail(c, c->pos, "expected a string key");
            if (parse_string(c, kid != NULL ? &kid->key : NULL, kid != NULL ? &kid->key_len : NULL) != 0) return -1;
            skip_ws(c);
            if (c->pos >= c->len) return fail(c, c->pos, "unexpected end of input");
            if (c->s[c->pos] != ':') return fail(c, c->pos, "expected ':' after an object key");
            c->pos++;
        }
        if (parse_value(c, kid, depth + 1) != 0) return -1;
        if (v != NULL) {
            *tail = kid;
            tail = &kid->next;
            v->u.kids.count++;
        }
        skip_ws(c);
        if (c->pos >= c->len) return fail(c, c->pos, "unexpected end of input");
        unsigned char ch = c->s[c->pos++];
        if (ch == close) return 0;
        if (ch != ',') return fail(c, c->pos - 1, object ? "expected ',' or '}'" : "expected ',' or ']'");
        skip_ws(c);
    }
}

static int parse_value(json_cursor *c, json_value *v, unsigned depth) {
    skip_ws(c);
    if (c->pos >= c->len) return fail(c, c->pos, "unexpected end of input");
    unsigned char ch = c->s[c->pos];
    switch (ch) {
    case '{':
    case '[': return parse_container(c, v, depth);
    case '"':
        if (v == NULL) return parse_string(c, NULL, NULL);
        v->type = JSON_STRING;
        return parse_string(c, &v->u.str.ptr, &v->u.str.len);
    case 't': return parse_literal(c, "true", 4, JSON_TRUE, v);
    case 'f': return parse_literal(c, "false", 5, JSON_FALSE, v);
    case 'n': return parse_literal(c, "null", 4, JSON_NULL, v);
    default:
        if (ch == '-' || is_digit(ch)) return parse_number(c, v);
        return fail(c, c->pos, "unexpected character");
    }
}

void json_cursor_init(json_cursor *c, json_doc *doc, const char *text, size_t len) {
    memset(doc, 0, sizeof *doc);
    c->s = (const unsigned char *)text;
    c->len = len;
    c->pos = 0;
    c->doc = doc;
    c->depth = 0;
    c->state[0] = 0;
}

int json_cursor_peek(json_cursor *c) {
    skip_ws(c);
    if (c->pos >= c->len) return -1;
    unsigned char ch = c->s[c->pos];
    switch (ch) {
    case '{': return JSON_OBJECT;
    case '[': return JSON_ARRAY;
    case '"': return JSON_STRING;
    case 't': return JSON_TRUE;
    case 'f': return JSON_FALSE;
    case 'n': return JSON_NULL;
    default: return ch == '-' || is_digit(ch) ? JSON_NUMBER : -1;
    }
}

int json_cursor_enter(json_cursor *c, json_type type) {
    if (c->doc->error[0] != '\0') return -1;
    skip_ws(c);
    if (c->pos >= c->len) return fail(c, c->pos, "unexpected end of input");
    if (c->s[c->pos] != (type == JSON_OBJECT ? '{' : '[')) return 0;
    if (c->depth >= JSON_MAX_DEPTH) return fail(c, c->pos, "nesting too deep");
    c->pos++;
    c->state[++c->depth] = type == JSON_OBJECT ? ST_OBJECT : 0;
    return 1;
}

int json_cursor_next(json_cursor *c, const char **key, size_t *key_len) {
    if (c->doc->error[0] != '\0') return -1;
    if (c->depth == 0) return fail(c, c->pos, "json_cursor_next outside a container");
    unsigned char st = c->state[c->depth];
    int object = st & ST_OBJECT;
    unsigned char close = object ? '}' : ']';
    skip_ws(c);
    if (c->pos >= c->len) return fail(c, c->pos, "unexpected end of input");
    unsigned char ch = c->s[c->pos];
    if (ch == close) {
        c->pos++;
        c->depth--;
        return 0;
    }
    if (st & ST_HAS_VALUE) {
        if (ch != ',') return fail(c, c->pos, object ? "expected ',' or '}'" : "expected ',' or ']'");
        c->pos++;
        skip_ws(c);
        if (c->pos >= c->len) return fail(c, c->pos, "unexpected end of input");
    }
    c->state[c->depth] = (unsigned char)(st | ST_HAS_VALUE);
    if (object) {
        const char *k;
        size_t n;
        if (c->s[c->pos] != '"') return fail(c, c->pos, "expected a string key");
        if (parse_string(c, key != NULL ? &k : NULL, &n) != 0) return -1;
        if (key != NULL) {
            *key = k;
            if (key_len != NULL) *key_len = n;
        }
        skip_ws(c);
        if (c->pos >= c->len) return fail(c, c->pos, "unexpected end of input");
        if (c->s[c->pos] != ':') return fail(c, c->pos, "expected ':' after an object key");
        c->pos++;
    } else if (key != NULL) {
        *key = NULL;
        if (key_len != NULL) *key_len = 0;
    }
    return 1;
}

int json_cursor_skip(json_cursor *c) {
    if (c->doc->error[0] != '\0') return -1;
    return parse_value(c, NULL, c->depth);
}

json_value *json_cursor_read(json_cursor *c) {
    if (c->doc->error[0] != '\0') return NULL;
    json_value *v = new_node(c);
    if (v == NULL || parse_value(c, v, c->depth) != 0) return NULL;
    return v;
}

int json_cursor_finish(json_cursor *c) {
    if (c->doc->error[0] != '\0') return -1;
    if (c->depth != 0) return fail(c, c->pos, "json_cursor_finish inside a container");
    skip_ws(c);
    if (c->pos != c->len) return fail(c, c->pos, "unexpected data after the JSON value");
    return 0;
}

int json_parse(json_doc *doc, const char *text, size_t len) {
    json_cursor c;
    json_cursor_init(&c, doc, text, len);
    json_value *root = json_cursor_read(&c);
    if (root == NULL || json_cursor_finish(&c) != 0) return -1;
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

int json_streq(const char *s, size_t len, const char *literal) {
    return s != NULL && strlen(literal) == len && memcmp(s, literal, len) == 0;
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

const char *json_a_type_name(const json_value *v) {
    if (v == NULL) return "missing";
    switch (v->type) {
    case JSON_NULL: return "null";
    case JSON_FALSE:
    case JSON_TRUE: return "a boolean";
    case JSON_NUMBER: return "a number";
    case JSON_STRING: return "a string";
    case JSON_ARRAY: return "an array";
    default: return "an object";
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
    /* double, for amortized appends; but a large reservation is taken exactly */
    size_t cap = b->cap < 128 ? 256 : b->cap <= SIZE_MAX / 2 ? b->cap * 2 : need;
    if (cap < need) cap = need;
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

/* How many bytes escaping adds to each byte: 1 for \" \\ \b \f \n \r \t, 5 for \u00XX. */
static const unsigned char ESCAPE_EXTRA[256] = {
    5, 5, 5, 5, 5, 5, 5, 5, 1, 1, 1, 5, 1, 1, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5,
    0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0,
};

size_t json_escaped_size(const char *s, size_t len) {
    const unsigned char *u = (const unsigned char *)s;
    size_t n = 2 + len, i = 0;
    for (; len - i >= 4; i += 4)
        if (has_escapable(load4(u + i)))
            n += ESCAPE_EXTRA[u[i]] + ESCAPE_EXTRA[u[i + 1]] + ESCAPE_EXTRA[u[i + 2]] + ESCAPE_EXTRA[u[i + 3]];
    for (; i < len; i++) n += ESCAPE_EXTRA[u[i]];
    return n;
}

static char *put_escaped(char *o, unsigned char c) {
    static const char hex[] = "0123456789abcdef";
    if (ESCAPE_EXTRA[c] == 0) {
        *o++ = (char)c;
        return o;
    }
    *o++ = '\\';
    switch (c) {
    case '"': *o++ = '"'; break;
    case '\\': *o++ = '\\'; break;
    case '\b': *o++ = 'b'; break;
    case '\f': *o++ = 'f'; break;
    case '\n': *o++ = 'n'; break;
    case '\r': *o++ = 'r'; break;
    case '\t': *o++ = 't'; break;
    default:
        *o++ = 'u';
        *o++ = '0';
        *o++ = '0';
        *o++ = hex[c >> 4];
        *o++ = hex[c & 15];
    }
    return o;
}

/* Two passes: the exact size, then the bytes straight into the buffer. */
static void write_escaped(json_buf *b, const char *s, size_t len) {
    const unsigned char *u = (const unsigned char *)s;
    json_buf_reserve(b, json_escaped_size(s, len));
    if (b->oom) return;
    char *o = b->ptr + b->len;
    *o++ = '"';
    size_t i = 0;
    for (; len - i >= 4; i += 4) {
        uint32_t w = load4(u + i);
        if (!has_escapable(w)) {
            memcpy(o, &w, 4);
            o += 4;
        } else {
            o = put_escaped(o, u[i]);
            o = put_escaped(o, u[i + 1]);
            o = put_escaped(o, u[i + 2]);
            o = put_escaped(o, u[i + 3]);
        }
    }
    for (; i < len; i++) o = put_escaped(o, u[i]);
    *o++ = '"';
    *o = '\0';
    b->len = (size_t)(o - b->ptr);
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

void json_raw(json_writer *w, const char *json, size_t len) {
    before_value(w);
    json_buf_put(&w->out, json, len);
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
