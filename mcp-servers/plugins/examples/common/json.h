/*
 * A small, strict JSON reader and writer for Sirsi's C plugins (RFC 8259).
 *
 * Reader: json_parse() builds a read-only tree in an arena owned by the json_doc; json_free()
 * releases all of it at once. For large inputs, a json_cursor walks the text and builds trees only
 * for the parts asked for (below). Strings are decoded (escapes, \uXXXX with surrogate pairs) to
 * UTF-8 and NUL-terminated; their length is kept, so strings holding "\u0000" are not truncated.
 * Numbers keep their source text (json_int64() and json_double() convert on request). Raw UTF-8
 * is validated. Nesting deeper than JSON_MAX_DEPTH is an error rather than a stack overflow.
 * Duplicate object keys are kept; json_get() returns the last one, as Jackson does. Errors give
 * the byte offset, counted from 0, and a short reason.
 *
 * Writer: json_writer appends to a growable buffer and places commas itself. Strings are escaped
 * (", \, and control characters; other UTF-8, which the caller must supply valid, is written as
 * is). An allocation failure is sticky: the writer stops writing and sets `oom`.
 *
 * Nothing here reads files, prints, or uses floating point unless json_double() is called.
 */
#ifndef SIRSI_JSON_H
#define SIRSI_JSON_H

#include <stddef.h>
#include <stdint.h>

#define JSON_MAX_DEPTH 256

typedef enum {
    JSON_NULL,
    JSON_FALSE,
    JSON_TRUE,
    JSON_NUMBER,
    JSON_STRING,
    JSON_ARRAY,
    JSON_OBJECT
} json_type;

typedef struct json_value json_value;
struct json_value {
    json_type type;
    json_value *next; /* the next element of the enclosing array or object, or NULL */
    const char *key;  /* the member name when the enclosing value is an object, else NULL */
    size_t key_len;
    union {
        struct {
            const char *ptr; /* JSON_STRING: decoded UTF-8; JSON_NUMBER: source text; NUL-terminated */
            size_t len;
        } str;
        struct {
            json_value *first; /* JSON_ARRAY, JSON_OBJECT: the first element or member */
            size_t count;
        } kids;
    } u;
};

struct json_chunk;

typedef struct {
    json_value *root;       /* NULL unless json_parse() succeeded */
    size_t error_at;        /* the byte offset (from 0) of the first error in the input */
    char error[80];         /* "" on success, else what was wrong, e.g. "expected ',' or '}'" */
    struct json_chunk *chunks;
} json_doc;

/* Parses text[0..len). Returns 0, or -1 with doc->error and doc->error_at set ("out of memory"
   is reported the same way). Always call json_free() afterwards. */
int json_parse(json_doc *doc, const char *text, size_t len);
/* Frees everything the document (and cursors on it) allocated. */
void json_free(json_doc *doc);

/* The last member of `obj` named `key`, or NULL (also when obj is NULL or not an object). */
json_value *json_get(const json_value *obj, const char *key);
/* The string's bytes, or NULL when v is not a string. *len may be NULL. */
const char *json_string(const json_value *v, size_t *len);
/* Does s[0..len) equal the NUL-terminated `literal`? */
int json_streq(const char *s, size_t len, const char *literal);
/* 1 and *out if v is an integer number in range (no fraction, no exponent), else 0. */
int json_int64(const json_value *v, int64_t *out);
/* The number's value by strtod (links strtod), or 0 if v is not a number. */
double json_double(const json_value *v);
/* "null", "boolean", "number", "string", "array", "object", or "missing" for NULL. */
const char *json_type_name(const json_value *v);
/* For messages such as "must be an array, not a string": "null", "a boolean", "a number",
   "a string", "an array", "an object", or "missing" for NULL. */
const char *json_a_type_name(const json_value *v);
/* Checks that every key of `obj` is one of the NULL-terminated `allowed` names. Returns NULL, or
   the first key that is not allowed. */
const char *json_unknown_key(const json_value *obj, const char *const *allowed);

/* Is s[0..len) valid UTF-8? Returns (size_t)-1 if so, else the offset of the first bad byte. */
size_t json_utf8_invalid_at(const char *s, size_t len);

/* ---- streaming: walk a large document, building trees only for the parts you need ----

   json_cursor_init(&c, &doc, text, len);
   if (json_cursor_enter(&c, JSON_OBJECT) == 1)
       while (json_cursor_next(&c, &key, &key_len) == 1)
           if (json_streq(key, key_len, "items") && json_cursor_enter(&c, JSON_ARRAY) == 1)
               while (json_cursor_next(&c, NULL, NULL) == 1) {
                   json_mark m = json_arena_mark(&doc);
                   json_value *item = json_cursor_read(&c);   // one element as a tree
                   ...
                   json_arena_reset(&doc, m);                  // and its memory back
               }
           else json_cursor_skip(&c);
   json_cursor_finish(&c);   // then doc.error tells whether the whole text was valid JSON

   After json_cursor_next() returns 1, the caller must consume the value (enter, skip or read).
   Every function validates what it passes over. Once an error is recorded in doc->error, every
   call returns -1 (NULL). Keys are decoded into the doc's arena. */
typedef struct {
    const unsigned char *s;
    size_t len;
    size_t pos;
    json_doc *doc;
    unsigned depth;                          /* containers entered and not yet closed */
    unsigned char state[JSON_MAX_DEPTH + 1]; /* per depth: object?, has a value? */
} json_cursor;

/* Clears *doc; errors and allocations go there. */
void json_cursor_init(json_cursor *c, json_doc *doc, const char *text, size_t len);
/* The type of the next value, from its first byte (not validated), or -1 at the end of the input
   or before a byte that starts no value. */
int json_cursor_peek(json_cursor *c);
/* Enters the object or array (type JSON_OBJECT or JSON_ARRAY) that comes next: 1; 0 if the next
   value is of another type (nothing consumed); -1 on an error. */
int json_cursor_enter(json_cursor *c, json_type type);
/* Moves to the next member or element of the innermost container entered: 1 (with its key, when
   in an object and key is not NULL); 0 once the container is closed (it is consumed); -1. */
int json_cursor_next(json_cursor *c, const char **key, size_t *key_len);
/* Skips the next value, validating it: 0 or -1. */
int json_cursor_skip(json_cursor *c);
/* Reads the next value into a tree in the doc's arena; NULL on an error. */
json_value *json_cursor_read(json_cursor *c);
/* At depth 0: checks that only white space is left. 0 or -1. */
int json_cursor_finish(json_cursor *c);

/* Arena marks: json_arena_reset() frees everything allocated after the mark was taken. */
typedef struct {
    struct json_chunk *chunk;
    size_t used;
} json_mark;
json_mark json_arena_mark(const json_doc *doc);
void json_arena_reset(json_doc *doc, json_mark mark);

/* ---- writing ---- */

typedef struct {
    char *ptr; /* malloc'd, NUL-terminated when non-NULL; owned by the buffer */
    size_t len;
    size_t cap;
    int oom; /* an allocation failed; further writes are ignored */
} json_buf;

void json_buf_reserve(json_buf *b, size_t extra);
void json_buf_put(json_buf *b, const char *s, size_t n);
void json_buf_puts(json_buf *b, const char *s);
void json_buf_putc(json_buf *b, char c);
void json_buf_putu(json_buf *b, uint64_t v);
void json_buf_puti(json_buf *b, int64_t v);
void json_buf_free(json_buf *b);

typedef struct {
    json_buf out;
    unsigned depth;
    unsigned char after_key;
    unsigned char has_items[JSON_MAX_DEPTH + 1];
    int misuse; /* nesting too deep or unbalanced; the output is not valid JSON */
} json_writer;

void json_obj_begin(json_writer *w);
void json_obj_end(json_writer *w);
void json_arr_begin(json_writer *w);
void json_arr_end(json_writer *w);
void json_key(json_writer *w, const char *key);
void json_key_n(json_writer *w, const char *key, size_t len);
void json_str(json_writer *w, const char *s);
void json_str_n(json_writer *w, const char *s, size_t len);
void json_int(json_writer *w, int64_t v);
void json_bool(json_writer *w, int v);
void json_null(json_writer *w);
/* Writes already serialized JSON as the next value; the caller vouches that it is valid. */
void json_raw(json_writer *w, const char *json, size_t len);
/* Writes a parsed value (or null if v is NULL). */
void json_value_write(json_writer *w, const json_value *v);
/* The number of bytes json_str_n() writes for s[0..len), quotes included. */
size_t json_escaped_size(const char *s, size_t len);

#endif
