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
 * - Violations come in the inventory's order; `missing` lists the required names as given.
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
    for (const json_value *t = tags->u.kids.first; t != NULL; t = t->next) {
        if (same_tag(r, t->key, t->key_len) && !is_blank(t)) return 1;
    }
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
    return (k == 7 && memcmp(kind, "account", 7) == 0) || (k == 12 && memcmp(kind, "subscription", 12) == 0)
            || (k == 7 && memcmp(kind, "project", 7) == 0);
}

static void put_a_type(json_buf *b, const json_value *v) {
    json_buf_puts(b, v == NULL ? "" : v->type == JSON_ARRAY || v->type == JSON_OBJECT ? "an " : "a ");
    json_buf_puts(b, json_type_name(v));
}

/* Fills r[] from the "required" argument; returns the count, or -1 with an error in *err. */
static int read_required(const json_value *arg, requirement *r, json_buf *err) {
    int n = 0;
    if (arg == NULL) {
        for (size_t i = 0; i < sizeof DEFAULT_REQUIRED / sizeof *DEFAULT_REQUIRED; i++) {
            r[n].name = DEFAULT_REQUIRED[i];
            r[n].len = strlen(DEFAULT_REQUIRED[i]);
            r[n].environment = is_environment(r[n].name, r[n].len);
            n++;
        }
        return n;
    }
    if (arg->type != JSON_ARRAY) {
        json_buf_puts(err, "\"required\" must be an array of strings, not ");
        put_a_type(err, arg);
        return -1;
    }
    size_t index = 0;
    for (const json_value *e = arg->u.kids.first; e != NULL; e = e->next, index++) {
        size_t len;
        const char *s = json_string(e, &len);
        if (s == NULL || len == 0) {
            json_buf_puts(err, "\"required\" must be an array of strings: element ");
            json_buf_putu(err, index);
            if (s == NULL) {
                json_buf_puts(err, " is ");
                put_a_type(err, e);
            } else {
                json_buf_puts(err, " is empty");
            }
            return -1;
        }
        requirement q = {s, len, is_environment(s, len)};
        int duplicate = 0;
        for (int i = 0; i < n && !duplicate; i++) duplicate = same_tag(&r[i], q.name, q.len);
        if (duplicate) continue;
        if (n == MAX_REQUIRED) {
            json_buf_puts(err, "\"required\" names more than 64 tags");
            return -1;
        }
        r[n++] = q;
    }
    return n;
}

/* Bit i set: the resource lacks req[i]. */
static uint64_t missing_tags(const json_value *tags, const requirement *req, int nreq) {
    uint64_t missing = 0;
    for (int i = 0; i < nreq; i++)
        if (!has_tag(tags, &req[i])) missing |= (uint64_t)1 << i;
    return missing;
}

SIRSI_TOOL(check_tags) {
    json_doc doc;
    uint64_t result;
    json_buf err = {0};
    if (sirsi_args(&doc, input, input_len, ARGS, &result) != 0) {
        json_free(&doc);
        return result;
    }

    const json_value *inventory = json_get(doc.root, "inventory");
    const json_value *resources = json_get(inventory, "resources");
    requirement req[MAX_REQUIRED];
    int nreq = 0;
    if (inventory == NULL) {
        json_buf_puts(&err, "missing \"inventory\" (an inventory document with \"resources\")");
    } else if (inventory->type != JSON_OBJECT) {
        json_buf_puts(&err, "\"inventory\" must be an object, not ");
        put_a_type(&err, inventory);
    } else if (resources == NULL || resources->type != JSON_ARRAY) {
        json_buf_puts(&err, "\"inventory.resources\" must be an array, not ");
        put_a_type(&err, resources);
    } else {
        nreq = read_required(json_get(doc.root, "required"), req, &err);
    }

    /* first pass: check the resources' shape and count */
    int64_t checked = 0, violations = 0;
    size_t index = 0;
    for (const json_value *r = err.len == 0 ? resources->u.kids.first : NULL; r != NULL; r = r->next, index++) {
        if (r->type != JSON_OBJECT) {
            json_buf_puts(&err, "\"inventory.resources\" element ");
            json_buf_putu(&err, index);
            json_buf_puts(&err, " must be an object, not ");
            put_a_type(&err, r);
            break;
        }
        const json_value *tags = json_get(r, "tags");
        if (tags != NULL && tags->type != JSON_OBJECT && tags->type != JSON_NULL) {
            json_buf_puts(&err, "\"tags\" of \"inventory.resources\" element ");
            json_buf_putu(&err, index);
            json_buf_puts(&err, " must be an object, not ");
            put_a_type(&err, tags);
            break;
        }
        if (is_tenant(json_get(r, "type"))) continue;
        checked++;
        if (missing_tags(tags, req, nreq) != 0) violations++;
    }
    if (err.len != 0 || err.oom) {
        json_free(&doc);
        return sirsi_error_buf(&err);
    }

    /* second pass: write */
    json_writer w;
    memset(&w, 0, sizeof w);
    json_obj_begin(&w);
    json_key(&w, "checked");
    json_int(&w, checked);
    json_key(&w, "compliant");
    json_int(&w, checked - violations);
    json_key(&w, "violations");
    json_arr_begin(&w);
    for (const json_value *r = resources->u.kids.first; r != NULL && !w.out.oom; r = r->next) {
        const json_value *type = json_get(r, "type");
        if (is_tenant(type)) continue;
        uint64_t missing = missing_tags(json_get(r, "tags"), req, nreq);
        if (missing == 0) continue;
        json_obj_begin(&w);
        json_key(&w, "id");
        json_value_write(&w, json_get(r, "id"));
        json_key(&w, "name");
        json_value_write(&w, json_get(r, "name"));
        json_key(&w, "type");
        json_value_write(&w, type);
        json_key(&w, "missing");
        json_arr_begin(&w);
        for (int i = 0; i < nreq; i++)
            if (missing & (uint64_t)1 << i) json_str_n(&w, req[i].name, req[i].len);
        json_arr_end(&w);
        json_obj_end(&w);
    }
    json_arr_end(&w);
    json_obj_end(&w);
    json_free(&doc);
    return sirsi_result(&w);
}
