/*
 * file-reader: reads a UTF-8 text file through WASI, to show the plugin sandbox at work.
 *
 * read_text({"path": "/data/notes.txt"}) -> {"path": "/data/notes.txt", "bytes": 123, "text": "..."}
 *
 * The plugin sees only the directories its manifest grants (wasi.directories, read-only unless
 * "writable": true), so any other path fails: {"error": "cannot open /etc/passwd: ..."}.
 * Files larger than MAX_BYTES, and files that are not UTF-8 text, are errors too.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/plugin.h"

#define MAX_BYTES ((size_t)1024 * 1024)

static const char *const ARGS[] = {"path", NULL};

enum outcome { READ_OK, TOO_BIG, NO_MEMORY, READ_ERROR };

/* Reads all of f, up to MAX_BYTES; *data is malloc'd (or NULL) whatever the outcome. */
static enum outcome read_all(FILE *f, char **data, size_t *len, int *error) {
    size_t cap = 0, hint = 16 * 1024;
    long size;
    *data = NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
        if ((unsigned long)size > MAX_BYTES) return TOO_BIG;
        hint = (size_t)size + 1; /* the byte more finds the end without growing */
    } else {
        clearerr(f);
    }
    *data = NULL;
    *len = 0;
    for (;;) {
        if (*len == cap) {
            if (cap > MAX_BYTES) return TOO_BIG;
            size_t next = cap == 0 ? hint : cap * 2;
            if (next > MAX_BYTES + 1) next = MAX_BYTES + 1; /* the one byte more tells a file that is too big */
            char *p = realloc(*data, next);
            if (p == NULL) return NO_MEMORY;
            *data = p;
            cap = next;
        }
        size_t n = fread(*data + *len, 1, cap - *len, f);
        *len += n;
        if (n == 0) {
            if (!ferror(f)) return READ_OK;
            *error = errno;
            return READ_ERROR;
        }
    }
}

static uint64_t read_text_at(const char *path, size_t path_len) {
    json_buf m = {0};
    errno = 0;
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        int e = errno;
        json_buf_puts(&m, "cannot open ");
        json_buf_puts(&m, path);
        json_buf_puts(&m, ": ");
        json_buf_puts(&m, e != 0 ? strerror(e) : "unknown error");
        return sirsi_error_buf(&m);
    }
    char *data = NULL;
    size_t len;
    int e = 0;
    enum outcome outcome = read_all(f, &data, &len, &e);
    fclose(f);

    size_t bad = outcome == READ_OK ? json_utf8_invalid_at(data, len) : (size_t)-1;
    if (outcome != READ_OK || bad != (size_t)-1) {
        free(data);
        switch (outcome) {
        case TOO_BIG:
            json_buf_puts(&m, path);
            json_buf_puts(&m, " is larger than ");
            json_buf_putu(&m, MAX_BYTES);
            json_buf_puts(&m, " bytes");
            break;
        case NO_MEMORY:
            json_buf_puts(&m, "out of memory reading ");
            json_buf_puts(&m, path);
            json_buf_puts(&m, " (raise limits.memoryPages in the plugin's manifest)");
            break;
        case READ_ERROR:
            json_buf_puts(&m, "cannot read ");
            json_buf_puts(&m, path);
            json_buf_puts(&m, ": ");
            json_buf_puts(&m, e != 0 ? strerror(e) : "unknown error");
            break;
        case READ_OK:
            json_buf_puts(&m, path);
            json_buf_puts(&m, " is not UTF-8 text (invalid byte at offset ");
            json_buf_putu(&m, bad);
            json_buf_puts(&m, ")");
            break;
        }
        return sirsi_error_buf(&m);
    }

    json_writer w;
    memset(&w, 0, sizeof w);
    json_obj_begin(&w);
    json_key(&w, "path");
    json_str_n(&w, path, path_len);
    json_key(&w, "bytes");
    json_int(&w, (int64_t)len);
    json_key(&w, "text");
    json_str_n(&w, data, len);
    json_obj_end(&w);
    free(data);
    return sirsi_result(&w);
}

SIRSI_TOOL(read_text) {
    json_doc doc;
    uint64_t result;
    if (sirsi_args(&doc, input, input_len, ARGS, &result) != 0) {
        json_free(&doc);
        return result;
    }
    const json_value *arg = json_get(doc.root, "path");
    size_t len;
    const char *path = json_string(arg, &len);
    if (arg == NULL) result = sirsi_error("missing \"path\" (the file to read, e.g. \"/data/notes.txt\")");
    else if (path == NULL) result = sirsi_error("\"path\" must be a string");
    else if (len == 0) result = sirsi_error("\"path\" is empty");
    else if (memchr(path, '\0', len) != NULL) result = sirsi_error("\"path\" contains a NUL character");
    else result = read_text_at(path, len);
    json_free(&doc);
    return result;
}
