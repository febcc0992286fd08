/*
 * The Sirsi plugin ABI, "sirsi-json-v1", for C plugins.
 *
 * The module exports `memory`, `alloc(i32 len) -> i32` and `dealloc(i32 ptr, i32 len)` (both in
 * plugin.c) and one export per tool, `(i32 ptr, i32 len) -> i64`, declared with SIRSI_TOOL. The host
 * allocates the tool's arguments with alloc, writes them there as a UTF-8 JSON object, calls the
 * tool, and reads the result at (ptr = high 32 bits, len = low 32 bits): the tool's result object,
 * or {"error":"message"} for an error the user should see. It then calls dealloc on the input and
 * on the output. A tool never frees or keeps its input. A result of 0 (pointer 0, length 0) means
 * the plugin could not even allocate an error message.
 *
 * Build as a WASI reactor (-mexec-model=reactor); the host calls `_initialize` once.
 */
#ifndef SIRSI_PLUGIN_H
#define SIRSI_PLUGIN_H

#include <stdint.h>

#include "json.h"

#define SIRSI_EXPORT(name) __attribute__((export_name(name)))
#define SIRSI_TOOL(fn) SIRSI_EXPORT(#fn) uint64_t fn(const char *input, uint32_t input_len)

/* Parses the input, which must be a JSON object whose keys are all in `allowed` (NULL-terminated).
   Returns 0, or -1 with *result set to the error to return. Call json_free(doc) either way. */
int sirsi_args(json_doc *doc, const char *input, uint32_t input_len, const char *const *allowed,
        uint64_t *result);

/* {"error": "input is not valid JSON at byte N: <doc->error>"} */
uint64_t sirsi_syntax_error(const json_doc *doc);
/* {"error": "unknown argument \"key\" (expected \"a\" or \"b\")"} */
uint64_t sirsi_unknown_argument(const char *key, const char *const *allowed);
/* {"error": "<what> must be a JSON object, not <a_type>"} */
uint64_t sirsi_not_an_object(const char *what, const char *a_type);

/* Hands the writer's output to the host (the writer no longer owns it). Reports a writer that ran
   out of memory or was misused as an error instead. */
uint64_t sirsi_result(json_writer *w);
/* {"error": message} */
uint64_t sirsi_error(const char *message);
/* {"error": message built in *b}; frees b. */
uint64_t sirsi_error_buf(json_buf *b);

#endif
