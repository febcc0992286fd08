/* See plugin.h. */
#include "plugin.h"

#include <stdlib.h>
#include <string.h>

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
        return sirsi_error("out of memory (raise limits.memoryPages in the plugin's manifest)");
    }
    uint64_t r = error_n(b->ptr, b->len);
    json_buf_free(b);
    return r;
}

uint64_t sirsi_result(json_writer *w) {
    if (w->out.oom || w->misuse || w->depth != 0 || w->out.len == 0) {
        int oom = w->out.oom;
        json_buf_free(&w->out);
        return sirsi_error(oom ? "out of memory (raise limits.memoryPages in the plugin's manifest)"
                               : "the plugin wrote malformed JSON (a bug in the plugin)");
    }
    uint64_t r = pack(w->out.ptr, w->out.len);
    w->out.ptr = NULL;
    w->out.len = w->out.cap = 0;
    return r;
}

int sirsi_args(json_doc *doc, const char *input, uint32_t input_len, const char *const *allowed,
        uint64_t *result) {
    json_buf b = {0};
    if (json_parse(doc, input, input_len) != 0) {
        json_buf_puts(&b, "input is not valid JSON at byte ");
        json_buf_putu(&b, doc->error_at);
        json_buf_puts(&b, ": ");
        json_buf_puts(&b, doc->error);
        *result = sirsi_error_buf(&b);
        return -1;
    }
    if (doc->root->type != JSON_OBJECT) {
        json_buf_puts(&b, "input must be a JSON object, not ");
        json_buf_puts(&b, doc->root->type == JSON_ARRAY ? "an " : "a ");
        json_buf_puts(&b, json_type_name(doc->root));
        *result = sirsi_error_buf(&b);
        return -1;
    }
    const char *unknown = json_unknown_key(doc->root, allowed);
    if (unknown != NULL) {
        json_buf_puts(&b, "unknown argument \"");
        json_buf_puts(&b, unknown);
        json_buf_puts(&b, "\" (expected ");
        for (const char *const *a = allowed; *a != NULL; a++) {
            if (a != allowed) json_buf_puts(&b, a[1] == NULL ? " or " : ", ");
            json_buf_puts(&b, "\"");
            json_buf_puts(&b, *a);
            json_buf_puts(&b, "\"");
        }
        json_buf_puts(&b, ")");
        *result = sirsi_error_buf(&b);
        return -1;
    }
    return 0;
}
