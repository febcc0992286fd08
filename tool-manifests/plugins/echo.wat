;; The smallest plugin that follows Sirsi's plugin ABI (sirsi-json-v1), in WebAssembly text. The server
;; compiles it with Chicory's wabt when it loads the manifest. A bump allocator: alloc hands out memory
;; and never reuses it, which is fine because every call runs in a fresh instance.
(module
  (memory (export "memory") 1)
  (global $heap (mut i32) (i32.const 1024))

  ;; alloc(len) -> ptr, growing memory when the heap passes its end.
  (func $alloc (export "alloc") (param $n i32) (result i32)
    (local $p i32)
    (local $need i32)
    (local.set $p (global.get $heap))
    (global.set $heap (i32.add (global.get $heap) (local.get $n)))
    (local.set $need (i32.sub (global.get $heap) (i32.mul (memory.size) (i32.const 65536))))
    (if (i32.gt_s (local.get $need) (i32.const 0))
      (then
        (if (i32.eq
              (memory.grow (i32.add (i32.div_u (local.get $need) (i32.const 65536)) (i32.const 1)))
              (i32.const -1))
          (then (unreachable)))))
    (local.get $p))

  ;; dealloc(ptr, len): nothing to do for a bump allocator.
  (func (export "dealloc") (param i32 i32))

  (data (i32.const 16) "{\"echo\":")

  ;; echo(ptr, len) -> (out << 32 | out_len): the arguments, wrapped as {"echo": ARGUMENTS}.
  (func (export "echo") (param $in i32) (param $n i32) (result i64)
    (local $out i32)
    (local $len i32)
    (local.set $len (i32.add (local.get $n) (i32.const 9)))
    (local.set $out (call $alloc (local.get $len)))
    (memory.copy (local.get $out) (i32.const 16) (i32.const 8))
    (memory.copy (i32.add (local.get $out) (i32.const 8)) (local.get $in) (local.get $n))
    (i32.store8 (i32.add (local.get $out) (i32.sub (local.get $len) (i32.const 1))) (i32.const 125))
    (i64.or
      (i64.shl (i64.extend_i32_u (local.get $out)) (i64.const 32))
      (i64.extend_i32_u (local.get $len)))))
