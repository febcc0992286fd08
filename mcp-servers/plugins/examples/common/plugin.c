/* See plugin.h. */
#include "plugin.h"

#include <stdlib.h>
#include <string.h>

#define OUT_OF_MEMORY "out of memory (raise limits.memoryPages in the plugin's manifest)"

SIRSI_EXPORT("alloc") void *sirsi_alloc(uint32_t len) { return malloc(len == 0 ? 1 : len); }

SIRSI_EXPORT("dealloc") void sirsi_dealloc(void *ptr, uint32_t len) {
    (void)len;
    free(ptr);
}

static uint64_t pack(const char *ptr, size_t len) {
    return (uint64_t)(uintptr_t)ptr << 32 | (uint32_t)len;
}

static uint64_t error_n(const char *message, size_t len) {
    json_writer w;
    memset(&w, 0, sizeof w);
    json_obj_begin(&w);
    json_key(&w, "error");
    json_str_n(&w, message, len);
    json_obj_end(&w);
    if (w.out.oom) {
        json_buf_free(&w.out);
        return 0;
    }
    return pack(w.out.ptr, w.out.len);
}

uint64_t sirsi_error(const char *message) { return error_n(message, strlen(message)); }

uint64_t sirsi_error_buf(json_buf *b) {
    if (b->oom) {
        json_buf_free(b);
        return sirsi_error(OUT_OF_MEMORY);
    }
    uint64_t r = error_n(b->ptr, b->len);
    json_buf_free(b);
    return r;
}

uint64_t sirsi_result(json_writer *w) {
    if (w->out.oom || w->misuse || w->depth != 0 || w->out.len == 0) {
        int oom = w->out.oom;
        json_buf_free(&w->out);
        return sirsi_error(oom ? OUT_OF_MEMORY : "the plugin wrote malformed JSON (a bug in the plugin)");
    }
    uint64_t r = pack(w->out.ptr, w->out.len);
    w->out.ptr = NULL;
    w->out.len = w->out.cap = 0;
    return r;
}

uint64_t sirsi_syntax_error(const json_doc *doc) {
    if (strcmp(doc->error, "out of memory") == 0) return sirsi_error(OUT_OF_MEMORY);
    json_buf b = {0};
    json_buf_puts(&b, "input is not valid JSON at byte ");
    json_buf_putu(&b, doc->error_at);
    json_buf_puts(&b, ": ");
    json_buf_puts(&b, doc->error);
    return sirsi_error_buf(&b);
}

uint64_t sirsi_unknown_argument(const char *key, const char *const *allowed) {
    json_buf b = {0};
    json_buf_puts(&b, "unknown argument \"");
    json_buf_puts(&b, key);
    json_buf_puts(&b, "\" (expected ");
    for (const char *const *a = allowed; *a != NULL; a++) {
        if (a != allowed) json_buf_puts(&b, a[1] == NULL ? " or " : ", ");
        json_buf_puts(&b, "\"");
        json_buf_puts(&b, *a);
        json_buf_puts(&b, "\"");
    }
    json_buf_puts(&b, ")");
    return sirsi_error_buf(&b);
}

uint64_t sirsi_not_an_object(const char *what, const char *a_type) {
    json_buf b = {0};
    json_buf_puts(&b, what);
    json_buf_puts(&b, " must be a JSON object, not ");
    json_buf_puts(&b, a_type);
    return sirsi_error_buf(&b);
}

int sirsi_args(json_doc *doc, const char *input, uint32_t input_len, const char *const *allowed,
        uint64_t *result) {
    if (json_parse(doc, input, input_len) != 0) {
        *result = sirsi_syntax_error(doc);
        return -1;
    }
    if (doc->root->type != JSON_OBJECT) {
        *result = sirsi_not_an_object("input", json_a_type_name(doc->root));
        return -1;
    }
    const char *unknown = json_unknown_key(doc->root, allowed);
    if (unknown != NULL) {
        *result = sirsi_unknown_argument(unknown, allowed);
        return -1;
    }
    return 0;
}
