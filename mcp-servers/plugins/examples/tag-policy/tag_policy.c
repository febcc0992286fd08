/*
 * tag-policy: which resources of a Sirsi inventory lack the tags a policy requires.
 *
 * check_tags({"inventory": {...}, "required": ["owner", "environment"]})
 *   -> {"checked": N, "compliant": M,
 *       "violations": [{"id": ..., "name": ..., "type": ..., "missing": ["owner", ...]}, ...]}
 *
 * - `required` is optional and defaults to ["owner", "environment"].
 * - Tag keys match ignoring ASCII case, and "env" is an alias of "environment" (in both the
 *   required names and the tag keys). A tag whose value is null, empty or only white space counts
 *   as missing.
 * - Tenants are not checked: aws.account, azure.subscription, gcp.project (a type of two segments
 *   whose second is account, subscription or project). azure.storage.account is a resource.
 * - Violations come in the inventory's order; `missing` lists the required names as given; id,
 *   name and type are copied when they are strings, else null.
 * - The input is read as a stream (json_cursor), one resource at a time, so memory is about the
 *   input's size plus the result, not a tree of the whole inventory.
 */
#include <string.h>

#include "../common/plugin.h"

static const char *const ARGS[] = {"inventory", "required", NULL};
static const char *const DEFAULT_REQUIRED[] = {"owner", "environment"};
#define MAX_REQUIRED 64

typedef struct {
    const char *name; /* as the caller wrote it */
    size_t len;
    int environment; /* "env" or "environment", in any case */
} requirement;

static int ascii_lower(int c) { return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c; }

static int equals_ignore_case(const char *a, size_t a_len, const char *b, size_t b_len) {
    if (a_len != b_len) return 0;
    for (size_t i = 0; i < a_len; i++)
        if (ascii_lower((unsigned char)a[i]) != ascii_lower((unsigned char)b[i])) return 0;
    return 1;
}

static int is_environment(const char *k, size_t len) {
    return equals_ignore_case(k, len, "environment", 11) || equals_ignore_case(k, len, "env", 3);
}

/* Do two requirements name the same tag? */
static int same_tag(const requirement *a, const char *key, size_t key_len) {
    return a->environment ? is_environment(key, key_len) : equals_ignore_case(a->name, a->len, key, key_len);
}

static int is_blank(const json_value *v) {
    if (v->type == JSON_NULL) return 1;
    if (v->type != JSON_STRING) return 0;
    for (size_t i = 0; i < v->u.str.len; i++) {
        char c = v->u.str.ptr[i];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v') return 0;
    }
    return 1;
}

static int has_tag(const json_value *tags, const requirement *r) {
    if (tags == NULL || tags->type != JSON_OBJECT) return 0;
    for (const json_value *t = tags->u.kids.first; t != NULL; t = t->next)
        if (same_tag(r, t->key, t->key_len) && !is_blank(t)) return 1;
    return 0;
}

/* aws.account, azure.subscription, gcp.project */
static int is_tenant(const json_value *type) {
    size_t n;
    const char *s = json_string(type, &n);
    if (s == NULL) return 0;
    const char *dot = memchr(s, '.', n);
    if (dot == NULL || dot == s || memchr(dot + 1, '.', n - (size_t)(dot + 1 - s)) != NULL) return 0;
    const char *kind = dot + 1;
    size_t k = n - (size_t)(kind - s);
    return json_streq(kind, k, "account") || json_streq(kind, k, "subscription") || json_streq(kind, k, "project");
}

/* "a string", "an array", ... for a type from json_cursor_peek() */
static const char *a_type(int type) {
    json_value v;
    memset(&v, 0, sizeof v);
    v.type = (json_type)type;
    return type < 0 ? "invalid JSON" : json_a_type_name(&v);
}

typedef struct {
    requirement req[MAX_REQUIRED];
    int nreq;
    json_buf req_err; /* what is wrong with "required" */
    json_buf inv_err; /* what is wrong with "inventory" */
    json_writer out;  /* the violations array */
    int64_t checked;
    int64_t violations;
} policy;

static void reset_results(policy *p) {
    json_buf_free(&p->inv_err);
    p->inv_err.oom = 0;
    json_buf_free(&p->out.out);
    memset(&p->out, 0, sizeof p->out);
    json_arr_begin(&p->out);
    p->checked = p->violations = 0;
}

/* Sets p->req from the "required" argument, or p->req_err. */
static void read_required(const json_value *arg, policy *p) {
    json_buf *err = &p->req_err;
    json_buf_free(err);
    p->nreq = 0;
    if (arg->type != JSON_ARRAY) {
        json_buf_puts(err, "\"required\" must be an array of strings, not ");
        json_buf_puts(err, json_a_type_name(arg));
        return;
    }
    size_t index = 0;
    for (const json_value *e = arg->u.kids.first; e != NULL; e = e->next, index++) {
        size_t len;
        const char *s = json_string(e, &len);
        if (s == NULL || len == 0) {
            json_buf_puts(err, "\"required\" must be an array of strings: element ");
            json_buf_putu(err, index);
            json_buf_puts(err, " is ");
            json_buf_puts(err, s == NULL ? json_a_type_name(e) : "empty");
            return;
        }
        requirement q = {s, len, is_environment(s, len)};
        int duplicate = 0;
        for (int i = 0; i < p->nreq && !duplicate; i++) duplicate = same_tag(&p->req[i], q.name, q.len);
        if (duplicate) continue;
        if (p->nreq == MAX_REQUIRED) {
            json_buf_puts(err, "\"required\" names more than 64 tags");
            return;
        }
        p->req[p->nreq++] = q;
    }
}

static void write_string_or_null(json_writer *w, const json_value *v) {
    size_t n;
    const char *s = json_string(v, &n);
    if (s != NULL) json_str_n(w, s, n);
    else json_null(w);
}

static void check_resource(policy *p, const json_value *r, size_t index) {
    if (r->type != JSON_OBJECT) {
        json_buf_puts(&p->inv_err, "\"inventory.resources\" element ");
        json_buf_putu(&p->inv_err, index);
        json_buf_puts(&p->inv_err, " must be an object, not ");
        json_buf_puts(&p->inv_err, json_a_type_name(r));
        return;
    }
    const json_value *tags = json_get(r, "tags");
    if (tags != NULL && tags->type != JSON_OBJECT && tags->type != JSON_NULL) {
        json_buf_puts(&p->inv_err, "\"tags\" of \"inventory.resources\" element ");
        json_buf_putu(&p->inv_err, index);
        json_buf_puts(&p->inv_err, " must be an object, not ");
        json_buf_puts(&p->inv_err, json_a_type_name(tags));
        return;
    }
    const json_value *type = json_get(r, "type");
    if (is_tenant(type)) return;
    p->checked++;
    uint64_t missing = 0; /* bit i: lacks req[i] */
    for (int i = 0; i < p->nreq; i++)
        if (!has_tag(tags, &p->req[i])) missing |= (uint64_t)1 << i;
    if (missing == 0) return;
    p->violations++;
    json_writer *w = &p->out;
    json_obj_begin(w);
    json_key(w, "id");
    write_string_or_null(w, json_get(r, "id"));
    json_key(w, "name");
    write_string_or_null(w, json_get(r, "name"));
    json_key(w, "type");
    write_string_or_null(w, type);
    json_key(w, "missing");
    json_arr_begin(w);
    for (int i = 0; i < p->nreq; i++)
        if (missing & (uint64_t)1 << i) json_str_n(w, p->req[i].name, p->req[i].len);
    json_arr_end(w);
    json_obj_end(w);
}

/* Consumes the inventory at the cursor, one resource at a time. -1 on a syntax error. */
static int check_inventory(json_cursor *c, policy *p) {
    reset_results(p);
    int type = json_cursor_peek(c);
    int r = json_cursor_enter(c, JSON_OBJECT);
    if (r < 0) return -1;
    if (r == 0) {
        json_buf_puts(&p->inv_err, "\"inventory\" must be an object, not ");
        json_buf_puts(&p->inv_err, a_type(type));
        return json_cursor_skip(c);
    }
    int seen = 0;
    const char *key;
    size_t key_len;
    while ((r = json_cursor_next(c, &key, &key_len)) == 1) {
        if (!json_streq(key, key_len, "resources")) {
            if (json_cursor_skip(c) != 0) return -1;
            continue;
        }
        reset_results(p); /* the last "resources" counts */
        seen = 1;
        type = json_cursor_peek(c);
        r = json_cursor_enter(c, JSON_ARRAY);
        if (r < 0) return -1;
        if (r == 0) {
            json_buf_puts(&p->inv_err, "\"inventory.resources\" must be an array, not ");
            json_buf_puts(&p->inv_err, a_type(type));
            if (json_cursor_skip(c) != 0) return -1;
            continue;
        }
        size_t index = 0;
        while ((r = json_cursor_next(c, NULL, NULL)) == 1) {
            if (p->inv_err.len != 0) { /* keep validating the rest */
                if (json_cursor_skip(c) != 0) return -1;
                continue;
            }
            json_mark mark = json_arena_mark(c->doc);
            const json_value *resource = json_cursor_read(c);
            if (resource == NULL) return -1;
            check_resource(p, resource, index++);
            json_arena_reset(c->doc, mark);
        }
        if (r < 0) return -1;
    }
    if (r < 0) return -1;
    if (!seen) json_buf_puts(&p->inv_err, "\"inventory.resources\" must be an array, not missing");
    return 0;
}

/* The arguments are read as a stream, so the inventory is never held as a whole tree: the
   memory needed is about the input's size plus one resource plus the result. */
SIRSI_TOOL(check_tags) {
    policy p;
    json_doc doc;
    json_cursor c;
    uint64_t result = 0;
    memset(&p, 0, sizeof p);
    for (size_t i = 0; i < sizeof DEFAULT_REQUIRED / sizeof *DEFAULT_REQUIRED; i++) {
        requirement q = {DEFAULT_REQUIRED[i], strlen(DEFAULT_REQUIRED[i]), 0};
        q.environment = is_environment(q.name, q.len);
        p.req[p.nreq++] = q;
    }

    json_cursor_init(&c, &doc, input, input_len);
    int type = json_cursor_peek(&c);
    int r = json_cursor_enter(&c, JSON_OBJECT);
    const char *unknown = NULL, *key;
    size_t key_len, inventory_at = 0;
    int have_inventory = 0, stale = 0;
    if (r == 0) {
        if (json_cursor_skip(&c) == 0 && json_cursor_finish(&c) == 0) {
            result = sirsi_not_an_object("input", a_type(type));
            goto done;
        }
    }
    while (r == 1 && (r = json_cursor_next(&c, &key, &key_len)) == 1) {
        if (json_streq(key, key_len, "inventory")) {
            inventory_at = c.pos;
            have_inventory = 1;
            stale = 0;
            if (check_inventory(&c, &p) != 0) break;
        } else if (json_streq(key, key_len, "required")) {
            const json_value *v = json_cursor_read(&c); /* kept in the arena until the end */
            if (v == NULL) break;
            read_required(v, &p);
            stale = have_inventory; /* checked against the previous list: check again below */
        } else {
            if (unknown == NULL) unknown = key;
            if (json_cursor_skip(&c) != 0) break;
        }
    }
    if (doc.error[0] != '\0' || json_cursor_finish(&c) != 0) {
        result = sirsi_syntax_error(&doc);
    } else if (unknown != NULL) {
        result = sirsi_unknown_argument(unknown, ARGS);
    } else if (!have_inventory) {
        result = sirsi_error("missing \"inventory\" (an inventory document with \"resources\")");
    } else if (p.req_err.len != 0 || p.req_err.oom) {
        result = sirsi_error_buf(&p.req_err);
    } else {
        if (stale) { /* "required" came after "inventory": read the inventory again */
            json_cursor again = c;
            again.pos = inventory_at;
            again.depth = 1;
            if (check_inventory(&again, &p) != 0) {
                result = sirsi_syntax_error(&doc);
                goto done;
            }
        }
        if (p.inv_err.len != 0 || p.inv_err.oom) {
            result = sirsi_error_buf(&p.inv_err);
        } else {
            /* put the counts in front of the violations in place: no second copy of the result */
            json_arr_end(&p.out);
            json_buf head = {0};
            json_buf_puts(&head, "{\"checked\":");
            json_buf_puti(&head, p.checked);
            json_buf_puts(&head, ",\"compliant\":");
            json_buf_puti(&head, p.checked - p.violations);
            json_buf_puts(&head, ",\"violations\":");
            json_buf *body = &p.out.out;
            json_buf_reserve(body, head.len + 1);
            json_writer w;
            memset(&w, 0, sizeof w);
            if (head.oom || body->oom || p.out.misuse || p.out.depth != 0) {
                w.out.oom = 1;
            } else {
                memmove(body->ptr + head.len, body->ptr, body->len);
                memcpy(body->ptr, head.ptr, head.len);
                body->len += head.len;
                json_buf_putc(body, '}');
                w.out = *body;
                memset(body, 0, sizeof *body);
            }
            json_buf_free(&head);
            result = sirsi_result(&w);
        }
    }
done:
    json_buf_free(&p.req_err);
    json_buf_free(&p.inv_err);
    json_buf_free(&p.out.out);
    json_free(&doc);
    return result;
}
