/*
 * The base field of BN254 for the signing kernel (bn254_kernel.c): Montgomery form on four 64-bit limbs, as
 * FpLimbs in Java. Header-only, so each build of the kernel inlines it with its own instruction set.
 */
#ifndef AVS_BN254_FIELD_H
#define AVS_BN254_FIELD_H

#include <stdint.h>
#include <string.h>

typedef uint64_t u64;
typedef unsigned __int128 u128;
typedef struct { u64 v[4]; } fp;

#define INLINE static inline

static const fp P = {{0x3c208c16d87cfd47ULL, 0x97816a916871ca8dULL, 0xb85045b68181585dULL, 0x30644e72e131a029ULL}};
static const u64 INV = 0x87d20782e4866389ULL; /* -p^-1 mod 2^64 */
static const fp R2 = {{0xf32cfc5b538afa89ULL, 0xb5e71911d44501fbULL, 0x47ab1eff0a417ff6ULL, 0x06d89f71cab8351fULL}};
static const fp ONE = {{0xd35d438dc58f0d9dULL, 0x0a78eb28f5c70b3dULL, 0x666ea36f7879462cULL, 0x0e0a77c19a07df2fULL}};
static const fp Z0 = {{0x3e424383c39ad5b9ULL, 0x28ed3f00245fdc6aULL, 0x4a2e7e8c1e5ebdfaULL, 0x05b858f624573163ULL}}; /* sqrt(-3) */
static const fp Z1 = {{0x71930c11d782e155ULL, 0xa6bb947cffbe3323ULL, 0xaa303344d4741444ULL, 0x2c3b3f0d26594943ULL}}; /* (Z0-1)/2 = beta */
static const fp THREE = {{0x7a17caa950ad28d7ULL, 0x1f6ac17ae15521b9ULL, 0x334bea4e696bd284ULL, 0x2a1f6744ce179d8eULL}};
static const fp FOUR = {{0x115482203dbf392dULL, 0x926242126eaa626aULL, 0xe16a48076063c052ULL, 0x07c5909386eddc93ULL}};
static const u64 SQRT_EXPONENT[4] = {0x4f082305b61f3f52ULL, 0x65e05aa45a1c72a3ULL, 0x6e14116da0605617ULL, 0x0c19139cb84c680aULL};
static const u64 INVERSE_EXPONENT[4] = {0x3c208c16d87cfd45ULL, 0x97816a916871ca8dULL, 0xb85045b68181585dULL, 0x30644e72e131a029ULL};

/* out = x mod p for x < 2p */
INLINE void reduce(fp *out, const u64 x[4]) {
  u64 d[4], borrow = 0;
  for (int i = 0; i < 4; i++) {
    u128 t = (u128)x[i] - P.v[i] - borrow;
    d[i] = (u64)t;
    borrow = (u64)(t >> 64) & 1;
  }
  u64 keep = -borrow; /* x < p: keep x */
  for (int i = 0; i < 4; i++) out->v[i] = (x[i] & keep) | (d[i] & ~keep);
}

/*
 * One CIOS row: t += a*b_i, then one Montgomery reduction step that shifts t down a limb. p < 2^254 keeps the
 * running total below 2p < 2^255, so no fifth word is needed (as in FpLimbs.multiply).
 */
#define MONT_ROW(bi)                                                      \
  do {                                                                    \
    u128 c = (u128)a0 * (bi) + t0;                                        \
    t0 = (u64)c;                                                          \
    c = (u128)a1 * (bi) + t1 + (u64)(c >> 64);                            \
    t1 = (u64)c;                                                          \
    c = (u128)a2 * (bi) + t2 + (u64)(c >> 64);                            \
    t2 = (u64)c;                                                          \
    c = (u128)a3 * (bi) + t3 + (u64)(c >> 64);                            \
    t3 = (u64)c;                                                          \
    u64 t4 = (u64)(c >> 64);                                              \
    u64 m = t0 * INV;                                                     \
    c = (u128)m * P0 + t0;                                                \
    c = (u128)m * P1 + t1 + (u64)(c >> 64);                               \
    t0 = (u64)c;                                                          \
    c = (u128)m * P2 + t2 + (u64)(c >> 64);                               \
    t1 = (u64)c;                                                          \
    c = (u128)m * P3 + t3 + (u64)(c >> 64);                               \
    t2 = (u64)c;                                                          \
    t3 = t4 + (u64)(c >> 64);                                             \
  } while (0)

#define P0 0x3c208c16d87cfd47ULL
#define P1 0x97816a916871ca8dULL
#define P2 0xb85045b68181585dULL
#define P3 0x30644e72e131a029ULL

/* out = a*b/2^256 mod p (CIOS, unrolled); out may alias a or b */
INLINE void mul(fp *out, const fp *a, const fp *b) {
  u64 a0 = a->v[0], a1 = a->v[1], a2 = a->v[2], a3 = a->v[3];
  u64 b0 = b->v[0], b1 = b->v[1], b2 = b->v[2], b3 = b->v[3];
  u64 t0 = 0, t1 = 0, t2 = 0, t3 = 0;
  MONT_ROW(b0);
  MONT_ROW(b1);
  MONT_ROW(b2);
  MONT_ROW(b3);
  u64 t[4] = {t0, t1, t2, t3};
  reduce(out, t);
}

/* A dedicated squaring (cross products once, doubled) measured slower here than this: the compiler keeps the
 * unrolled multiply in registers, but not the 512-bit intermediate. */
INLINE void sqr(fp *out, const fp *a) { mul(out, a, a); }

INLINE void add(fp *out, const fp *a, const fp *b) {
  u64 s[4];
  u128 c = 0;
  for (int i = 0; i < 4; i++) {
    c = (u128)a->v[i] + b->v[i] + (u64)(c >> 64);
    s[i] = (u64)c;
  }
  reduce(out, s);
}

INLINE void sub(fp *out, const fp *a, const fp *b) {
  u64 d[4], borrow = 0;
  for (int i = 0; i < 4; i++) {
    u128 t = (u128)a->v[i] - b->v[i] - borrow;
    d[i] = (u64)t;
    borrow = (u64)(t >> 64) & 1;
  }
  u64 mask = -borrow; /* below zero: add p back */
  u128 c = 0;
  for (int i = 0; i < 4; i++) {
    c = (u128)d[i] + (P.v[i] & mask) + (u64)(c >> 64);
    out->v[i] = (u64)c;
  }
}

INLINE void neg(fp *out, const fp *a) {
  fp zero = {{0, 0, 0, 0}};
  sub(out, &zero, a);
}

INLINE int is_zero(const fp *a) { return (a->v[0] | a->v[1] | a->v[2] | a->v[3]) == 0; }

/* out = a^e by left-to-right sliding windows of up to 5 bits */
static void power(fp *out, const fp *a, const u64 e[4]) {
  fp odd[16], square, result = ONE;
  odd[0] = *a;
  sqr(&square, a);
  for (int k = 1; k < 16; k++) mul(&odd[k], &odd[k - 1], &square);
  int i = 255;
  while (i >= 0 && !((e[i >> 6] >> (i & 63)) & 1)) i--;
  int started = 0;
  while (i >= 0) {
    if (!((e[i >> 6] >> (i & 63)) & 1)) {
      if (started) sqr(&result, &result);
      i--;
      continue;
    }
    int low = i - 4 < 0 ? 0 : i - 4;
    while (!((e[low >> 6] >> (low & 63)) & 1)) low++;
    int value = 0;
    for (int bit = i; bit >= low; bit--) {
      value = (value << 1) | (int)((e[bit >> 6] >> (bit & 63)) & 1);
      if (started) sqr(&result, &result);
    }
    if (started) {
      mul(&result, &result, &odd[value >> 1]);
    } else {
      result = odd[value >> 1];
      started = 1;
    }
    i = low - 1;
  }
  *out = result;
}

/* The Legendre symbol of a (1 square, -1 non-square, 0 zero) by the binary Jacobi algorithm. */
static int legendre(const fp *value) {
  u64 a[4], n[4];
  memcpy(a, value->v, sizeof a);
  memcpy(n, P.v, sizeof n);
  u64 flips = 0;
  while ((a[0] | a[1] | a[2] | a[3]) != 0) {
    while (a[0] == 0) {
      a[0] = a[1]; a[1] = a[2]; a[2] = a[3]; a[3] = 0;
    }
    int zeros = __builtin_ctzll(a[0]); /* (2/n) = -1 for n = 3, 5 mod 8 */
    flips ^= (u64)zeros & ((n[0] >> 1) ^ (n[0] >> 2));
    if (zeros) {
      a[0] = (a[0] >> zeros) | (a[1] << (64 - zeros));
      a[1] = (a[1] >> zeros) | (a[2] << (64 - zeros));
      a[2] = (a[2] >> zeros) | (a[3] << (64 - zeros));
      a[3] >>= zeros;
    }
    u64 d[4], borrow = 0;
    for (int i = 0; i < 4; i++) {
      u128 t = (u128)a[i] - n[i] - borrow;
      d[i] = (u64)t;
      borrow = (u64)(t >> 64) & 1;
    }
    if (borrow) { /* a < n: swap, flipping when both are 3 mod 4, and go on with n - a */
      flips ^= (a[0] & n[0]) >> 1;
      u64 nd[4], b2 = 0;
      for (int i = 0; i < 4; i++) {
        u128 t = (u128)n[i] - a[i] - b2;
        nd[i] = (u64)t;
        b2 = (u64)(t >> 64) & 1;
      }
      memcpy(n, a, sizeof n);
      memcpy(a, nd, sizeof a);
    } else {
      memcpy(a, d, sizeof a);
    }
  }
  if (n[0] != 1 || (n[1] | n[2] | n[3]) != 0) return 0;
  return (flips & 1) == 0 ? 1 : -1;
}

#endif
