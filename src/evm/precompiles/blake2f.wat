;; BLAKE2b compression function F (RFC 7693 §3.2) with a caller-chosen number of rounds, as EIP-152's
;; BLAKE2F precompile (0x09) exposes it. Compiled by scripts/compile-blake2f.mjs (`npm run compile:blake2f`)
;; into blake2fWasm.ts; blake2f.ts instantiates it synchronously at module load and calls
;; initialize(f), then runRounds(n) until all rounds are done, then finalize().
;;
;; Native i64 adds (wrapping) and i64.rotr make a round ~20x cheaper than 64-bit arithmetic on 32-bit
;; halves in JS (figures in blake2f.ts).
;;
;; Why runRounds and not one call for all the rounds: V8 first runs wasm as quickly compiled baseline
;; (Liftoff) code, ~15x slower here, and swaps in optimized (TurboFan) code for later calls only; it has
;; no on-stack replacement for wasm. A single call doing 2^32 - 1 rounds would run entirely as baseline
;; code. Rounds in chunks let the optimized code take over after the first few chunks.
;;
;; Memory layout (one page, all words little-endian as EIP-152 encodes them):
;;     0   h, 8 words: the chaining state in, the new state out
;;    64   m, 16 words: the message block
;;   192   t, 2 words: the 128-bit offset counter
;;   256   SIGMA, 10 rows of 16 bytes: message word index * 8 (a byte offset into m)
;;   512   schedule, 10 rows of 16 words: row r holds m[SIGMA[r][i]] in order i, so round r reads its
;;         message words at constant offsets from one row pointer instead of through SIGMA
;;  1792   v, 16 words: the working vector between runRounds calls
(module
  (memory (export "memory") 1)

  (data (i32.const 256)
    "\00\08\10\18\20\28\30\38\40\48\50\58\60\68\70\78" ;; 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15
    "\70\50\20\40\48\78\68\30\08\60\00\10\58\38\28\18" ;; 14 10 4 8 9 15 13 6 1 12 0 2 11 7 5 3
    "\58\40\60\00\28\10\78\68\50\70\18\30\38\08\48\20" ;; 11 8 12 0 5 2 15 13 10 14 3 6 7 1 9 4
    "\38\48\18\08\68\60\58\70\10\30\28\50\20\00\78\40" ;; 7 9 3 1 13 12 11 14 2 6 5 10 4 0 15 8
    "\48\00\28\38\10\20\50\78\70\08\58\60\30\40\18\68" ;; 9 0 5 7 2 4 10 15 14 1 11 12 6 8 3 13
    "\10\60\30\50\00\58\40\18\20\68\38\28\78\70\08\48" ;; 2 12 6 10 0 11 8 3 4 13 7 5 15 14 1 9
    "\60\28\08\78\70\68\20\50\00\38\30\18\48\10\40\58" ;; 12 5 1 15 14 13 4 10 0 7 6 3 9 2 8 11
    "\68\58\38\70\60\08\18\48\28\00\78\20\40\30\10\50" ;; 13 11 7 14 12 1 3 9 5 0 15 4 8 6 2 10
    "\30\78\70\48\58\18\00\40\60\10\68\38\08\20\50\28" ;; 6 15 14 9 11 3 0 8 12 2 13 7 1 4 10 5
    "\50\10\40\20\38\30\08\28\78\58\48\70\18\60\68\00" ;; 10 2 8 4 7 6 1 5 15 11 9 14 3 12 13 0
  )

  ;; The schedule row of the next round: 512 + 128 * (round mod 10).
  (global $row (mut i32) (i32.const 512))

  ;; Starts F(h, m, t, f): builds the schedule from m, and v = h ‖ IV with t folded into v12, v13 and
  ;; v14 inverted when `last` (the final-block flag f, 0 or 1) is set.
  (func (export "initialize") (param $last i32)
    (local $i i32)
    ;; schedule[i] = m[SIGMA[i]] for the 160 entries of the ten rows
    (loop $fill
      (i64.store offset=512
        (i32.shl (local.get $i) (i32.const 3))
        (i64.load offset=64 (i32.load8_u offset=256 (local.get $i))))
      (br_if $fill (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 160))))
    (memory.copy (i32.const 1792) (i32.const 0) (i32.const 64))
    (i64.store offset=1856 (i32.const 0) (i64.const 0x6a09e667f3bcc908))
    (i64.store offset=1864 (i32.const 0) (i64.const 0xbb67ae8584caa73b))
    (i64.store offset=1872 (i32.const 0) (i64.const 0x3c6ef372fe94f82b))
    (i64.store offset=1880 (i32.const 0) (i64.const 0xa54ff53a5f1d36f1))
    (i64.store offset=1888 (i32.const 0) (i64.xor (i64.const 0x510e527fade682d1) (i64.load offset=192 (i32.const 0))))
    (i64.store offset=1896 (i32.const 0) (i64.xor (i64.const 0x9b05688c2b3e6c1f) (i64.load offset=200 (i32.const 0))))
    (i64.store offset=1904 (i32.const 0)
      (select (i64.const 0xe07c265404be4294) (i64.const 0x1f83d9abfb41bd6b) (local.get $last)))
    (i64.store offset=1912 (i32.const 0) (i64.const 0x5be0cd19137e2179))
    (global.set $row (i32.const 512)))

  ;; Runs `rounds` more rounds (an unsigned 32-bit count; 0 does nothing) on v.
  (func (export "runRounds") (param $rounds i32)
    (local $row i32)
    (local $v0 i64) (local $v1 i64) (local $v2 i64) (local $v3 i64)
    (local $v4 i64) (local $v5 i64) (local $v6 i64) (local $v7 i64)
    (local $v8 i64) (local $v9 i64) (local $v10 i64) (local $v11 i64)
    (local $v12 i64) (local $v13 i64) (local $v14 i64) (local $v15 i64)
    (if (i32.eqz (local.get $rounds)) (then (return)))
    (local.set $v0 (i64.load offset=1792 (i32.const 0)))
    (local.set $v1 (i64.load offset=1800 (i32.const 0)))
    (local.set $v2 (i64.load offset=1808 (i32.const 0)))
    (local.set $v3 (i64.load offset=1816 (i32.const 0)))
    (local.set $v4 (i64.load offset=1824 (i32.const 0)))
    (local.set $v5 (i64.load offset=1832 (i32.const 0)))
    (local.set $v6 (i64.load offset=1840 (i32.const 0)))
    (local.set $v7 (i64.load offset=1848 (i32.const 0)))
    (local.set $v8 (i64.load offset=1856 (i32.const 0)))
    (local.set $v9 (i64.load offset=1864 (i32.const 0)))
    (local.set $v10 (i64.load offset=1872 (i32.const 0)))
    (local.set $v11 (i64.load offset=1880 (i32.const 0)))
    (local.set $v12 (i64.load offset=1888 (i32.const 0)))
    (local.set $v13 (i64.load offset=1896 (i32.const 0)))
    (local.set $v14 (i64.load offset=1904 (i32.const 0)))
    (local.set $v15 (i64.load offset=1912 (i32.const 0)))
    (local.set $row (global.get $row))
    ;; $rounds counts down to zero, unsigned
    (loop $round
      ;; G(v0, v4, v8, v12, s0, s1)
      (local.set $v0 (i64.add (i64.add (local.get $v0) (local.get $v4)) (i64.load offset=0 (local.get $row))))
      (local.set $v12 (i64.rotr (i64.xor (local.get $v12) (local.get $v0)) (i64.const 32)))
      (local.set $v8 (i64.add (local.get $v8) (local.get $v12)))
      (local.set $v4 (i64.rotr (i64.xor (local.get $v4) (local.get $v8)) (i64.const 24)))
      (local.set $v0 (i64.add (i64.add (local.get $v0) (local.get $v4)) (i64.load offset=8 (local.get $row))))
      (local.set $v12 (i64.rotr (i64.xor (local.get $v12) (local.get $v0)) (i64.const 16)))
      (local.set $v8 (i64.add (local.get $v8) (local.get $v12)))
      (local.set $v4 (i64.rotr (i64.xor (local.get $v4) (local.get $v8)) (i64.const 63)))
      ;; G(v1, v5, v9, v13, s2, s3)
      (local.set $v1 (i64.add (i64.add (local.get $v1) (local.get $v5)) (i64.load offset=16 (local.get $row))))
      (local.set $v13 (i64.rotr (i64.xor (local.get $v13) (local.get $v1)) (i64.const 32)))
      (local.set $v9 (i64.add (local.get $v9) (local.get $v13)))
      (local.set $v5 (i64.rotr (i64.xor (local.get $v5) (local.get $v9)) (i64.const 24)))
      (local.set $v1 (i64.add (i64.add (local.get $v1) (local.get $v5)) (i64.load offset=24 (local.get $row))))
      (local.set $v13 (i64.rotr (i64.xor (local.get $v13) (local.get $v1)) (i64.const 16)))
      (local.set $v9 (i64.add (local.get $v9) (local.get $v13)))
      (local.set $v5 (i64.rotr (i64.xor (local.get $v5) (local.get $v9)) (i64.const 63)))
      ;; G(v2, v6, v10, v14, s4, s5)
      (local.set $v2 (i64.add (i64.add (local.get $v2) (local.get $v6)) (i64.load offset=32 (local.get $row))))
      (local.set $v14 (i64.rotr (i64.xor (local.get $v14) (local.get $v2)) (i64.const 32)))
      (local.set $v10 (i64.add (local.get $v10) (local.get $v14)))
      (local.set $v6 (i64.rotr (i64.xor (local.get $v6) (local.get $v10)) (i64.const 24)))
      (local.set $v2 (i64.add (i64.add (local.get $v2) (local.get $v6)) (i64.load offset=40 (local.get $row))))
      (local.set $v14 (i64.rotr (i64.xor (local.get $v14) (local.get $v2)) (i64.const 16)))
      (local.set $v10 (i64.add (local.get $v10) (local.get $v14)))
      (local.set $v6 (i64.rotr (i64.xor (local.get $v6) (local.get $v10)) (i64.const 63)))
      ;; G(v3, v7, v11, v15, s6, s7)
      (local.set $v3 (i64.add (i64.add (local.get $v3) (local.get $v7)) (i64.load offset=48 (local.get $row))))
      (local.set $v15 (i64.rotr (i64.xor (local.get $v15) (local.get $v3)) (i64.const 32)))
      (local.set $v11 (i64.add (local.get $v11) (local.get $v15)))
      (local.set $v7 (i64.rotr (i64.xor (local.get $v7) (local.get $v11)) (i64.const 24)))
      (local.set $v3 (i64.add (i64.add (local.get $v3) (local.get $v7)) (i64.load offset=56 (local.get $row))))
      (local.set $v15 (i64.rotr (i64.xor (local.get $v15) (local.get $v3)) (i64.const 16)))
      (local.set $v11 (i64.add (local.get $v11) (local.get $v15)))
      (local.set $v7 (i64.rotr (i64.xor (local.get $v7) (local.get $v11)) (i64.const 63)))
      ;; G(v0, v5, v10, v15, s8, s9)
      (local.set $v0 (i64.add (i64.add (local.get $v0) (local.get $v5)) (i64.load offset=64 (local.get $row))))
      (local.set $v15 (i64.rotr (i64.xor (local.get $v15) (local.get $v0)) (i64.const 32)))
      (local.set $v10 (i64.add (local.get $v10) (local.get $v15)))
      (local.set $v5 (i64.rotr (i64.xor (local.get $v5) (local.get $v10)) (i64.const 24)))
      (local.set $v0 (i64.add (i64.add (local.get $v0) (local.get $v5)) (i64.load offset=72 (local.get $row))))
      (local.set $v15 (i64.rotr (i64.xor (local.get $v15) (local.get $v0)) (i64.const 16)))
      (local.set $v10 (i64.add (local.get $v10) (local.get $v15)))
      (local.set $v5 (i64.rotr (i64.xor (local.get $v5) (local.get $v10)) (i64.const 63)))
      ;; G(v1, v6, v11, v12, s10, s11)
      (local.set $v1 (i64.add (i64.add (local.get $v1) (local.get $v6)) (i64.load offset=80 (local.get $row))))
      (local.set $v12 (i64.rotr (i64.xor (local.get $v12) (local.get $v1)) (i64.const 32)))
      (local.set $v11 (i64.add (local.get $v11) (local.get $v12)))
      (local.set $v6 (i64.rotr (i64.xor (local.get $v6) (local.get $v11)) (i64.const 24)))
      (local.set $v1 (i64.add (i64.add (local.get $v1) (local.get $v6)) (i64.load offset=88 (local.get $row))))
      (local.set $v12 (i64.rotr (i64.xor (local.get $v12) (local.get $v1)) (i64.const 16)))
      (local.set $v11 (i64.add (local.get $v11) (local.get $v12)))
      (local.set $v6 (i64.rotr (i64.xor (local.get $v6) (local.get $v11)) (i64.const 63)))
      ;; G(v2, v7, v8, v13, s12, s13)
      (local.set $v2 (i64.add (i64.add (local.get $v2) (local.get $v7)) (i64.load offset=96 (local.get $row))))
      (local.set $v13 (i64.rotr (i64.xor (local.get $v13) (local.get $v2)) (i64.const 32)))
      (local.set $v8 (i64.add (local.get $v8) (local.get $v13)))
      (local.set $v7 (i64.rotr (i64.xor (local.get $v7) (local.get $v8)) (i64.const 24)))
      (local.set $v2 (i64.add (i64.add (local.get $v2) (local.get $v7)) (i64.load offset=104 (local.get $row))))
      (local.set $v13 (i64.rotr (i64.xor (local.get $v13) (local.get $v2)) (i64.const 16)))
      (local.set $v8 (i64.add (local.get $v8) (local.get $v13)))
      (local.set $v7 (i64.rotr (i64.xor (local.get $v7) (local.get $v8)) (i64.const 63)))
      ;; G(v3, v4, v9, v14, s14, s15)
      (local.set $v3 (i64.add (i64.add (local.get $v3) (local.get $v4)) (i64.load offset=112 (local.get $row))))
      (local.set $v14 (i64.rotr (i64.xor (local.get $v14) (local.get $v3)) (i64.const 32)))
      (local.set $v9 (i64.add (local.get $v9) (local.get $v14)))
      (local.set $v4 (i64.rotr (i64.xor (local.get $v4) (local.get $v9)) (i64.const 24)))
      (local.set $v3 (i64.add (i64.add (local.get $v3) (local.get $v4)) (i64.load offset=120 (local.get $row))))
      (local.set $v14 (i64.rotr (i64.xor (local.get $v14) (local.get $v3)) (i64.const 16)))
      (local.set $v9 (i64.add (local.get $v9) (local.get $v14)))
      (local.set $v4 (i64.rotr (i64.xor (local.get $v4) (local.get $v9)) (i64.const 63)))

      ;; next schedule row, back to row 0 after row 9
      (local.set $row (i32.add (local.get $row) (i32.const 128)))
      (if (i32.eq (local.get $row) (i32.const 1792))
        (then (local.set $row (i32.const 512))))
      (br_if $round (local.tee $rounds (i32.sub (local.get $rounds) (i32.const 1)))))
    (global.set $row (local.get $row))
    (i64.store offset=1792 (i32.const 0) (local.get $v0))
    (i64.store offset=1800 (i32.const 0) (local.get $v1))
    (i64.store offset=1808 (i32.const 0) (local.get $v2))
    (i64.store offset=1816 (i32.const 0) (local.get $v3))
    (i64.store offset=1824 (i32.const 0) (local.get $v4))
    (i64.store offset=1832 (i32.const 0) (local.get $v5))
    (i64.store offset=1840 (i32.const 0) (local.get $v6))
    (i64.store offset=1848 (i32.const 0) (local.get $v7))
    (i64.store offset=1856 (i32.const 0) (local.get $v8))
    (i64.store offset=1864 (i32.const 0) (local.get $v9))
    (i64.store offset=1872 (i32.const 0) (local.get $v10))
    (i64.store offset=1880 (i32.const 0) (local.get $v11))
    (i64.store offset=1888 (i32.const 0) (local.get $v12))
    (i64.store offset=1896 (i32.const 0) (local.get $v13))
    (i64.store offset=1904 (i32.const 0) (local.get $v14))
    (i64.store offset=1912 (i32.const 0) (local.get $v15)))

  ;; Ends F: h ^= v[0..8] ^ v[8..16].
  (func (export "finalize")
    (local $i i32)
    (loop $word
      (i64.store (local.get $i)
        (i64.xor
          (i64.load (local.get $i))
          (i64.xor (i64.load offset=1792 (local.get $i)) (i64.load offset=1856 (local.get $i)))))
      (br_if $word (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 8))) (i32.const 64)))))
)
