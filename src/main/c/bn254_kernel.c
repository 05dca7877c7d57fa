/*
 * The BLS signing kernel of avs.execution.sign.bn254 in C: mcl's "original" map of two field elements to G1, their
 * sum, and the GLV multiplication by the signer's key, on Montgomery limbs. The Java classes FpLimbs, HashToG1 and
 * G1Limbs are the reference this follows step by step; NativeBn254 loads it, and the tests check both give the same
 * bytes on every fixture. Not constant-time, like the Java code (see DESIGN.md's threat model).
 *
 * Compiled twice, with -DKERNEL=<name>: for x86-64-v3 (MULX and friends, about a tenth faster) and for any x86-64;
 * bn254_jni.c picks by what the CPU supports.
 */
#include <stdint.h>
#include <string.h>

#ifndef KERNEL
#error "compile with -DKERNEL=<function name>"
#endif

typedef uint64_t u64;
typedef unsigned __int128 u128;
typedef struct { u64 v[4]; } fp;
typedef struct { fp x, y, z; } point; /* Jacobian; z = 0 is infinity */

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

/* dbl-2009-l (a = 0), with D = 2((X + B)^2 - A - C) written as its equal 4XB: one add less */
static void point_double(point *p) {
  if (is_zero(&p->z) || is_zero(&p->y)) {
    memset(&p->z, 0, sizeof p->z);
    return;
  }
  fp a, b, c, d, e, f, t;
  sqr(&a, &p->x);
  sqr(&b, &p->y);
  sqr(&c, &b);
  mul(&d, &p->x, &b);
  add(&d, &d, &d);
  add(&d, &d, &d);
  add(&e, &a, &a);
  add(&e, &e, &a);
  sqr(&f, &e);
  mul(&p->z, &p->y, &p->z);
  add(&p->z, &p->z, &p->z);
  add(&t, &d, &d);
  sub(&p->x, &f, &t);
  sub(&t, &d, &p->x);
  mul(&p->y, &e, &t);
  add(&c, &c, &c);
  add(&c, &c, &c);
  add(&c, &c, &c);
  sub(&p->y, &p->y, &c);
}

/* p += q, add-2007-bl */
static void point_add(point *p, const point *q) {
  if (is_zero(&q->z)) return;
  if (is_zero(&p->z)) {
    *p = *q;
    return;
  }
  fp z1z1, z2z2, u1, u2, s1, s2, h, r, i, j, v, t;
  sqr(&z1z1, &p->z);
  sqr(&z2z2, &q->z);
  mul(&u1, &p->x, &z2z2);
  mul(&u2, &q->x, &z1z1);
  mul(&s1, &p->y, &q->z);
  mul(&s1, &s1, &z2z2);
  mul(&s2, &q->y, &p->z);
  mul(&s2, &s2, &z1z1);
  sub(&h, &u2, &u1);
  sub(&r, &s2, &s1);
  if (is_zero(&h)) {
    if (is_zero(&r)) {
      point_double(p);
    } else {
      memset(&p->z, 0, sizeof p->z);
    }
    return;
  }
  add(&r, &r, &r);
  add(&t, &p->z, &q->z);
  sqr(&t, &t);
  sub(&t, &t, &z1z1);
  sub(&t, &t, &z2z2);
  mul(&p->z, &t, &h);
  add(&i, &h, &h);
  sqr(&i, &i);
  mul(&j, &h, &i);
  mul(&v, &u1, &i);
  sqr(&p->x, &r);
  sub(&p->x, &p->x, &j);
  sub(&p->x, &p->x, &v);
  sub(&p->x, &p->x, &v);
  sub(&t, &v, &p->x);
  mul(&p->y, &r, &t);
  mul(&s1, &s1, &j);
  add(&s1, &s1, &s1);
  sub(&p->y, &p->y, &s1);
}

/* (N^3 + 3 D^3) D = g(N/D) D^4, whose square class is g(N/D)'s */
INLINE void rhs_times_d(fp *u, const fp *n, const fp *d) {
  fp n3, t;
  sqr(&n3, n);
  mul(&n3, &n3, n);
  sqr(&t, d);
  mul(&t, &t, d);
  mul(&t, &t, &THREE);
  add(&t, &t, &n3);
  mul(u, &t, d);
}

typedef struct { fp n, d, u; int negate; } candidate;

/* The x = N/D that mcl's map picks for t (Montgomery form), as HashToG1.choose */
static void choose(candidate *out, const fp *t) {
  if (is_zero(t)) {
    out->n = Z1;
    out->d = ONE;
    rhs_times_d(&out->u, &Z1, &ONE);
    out->negate = 0;
    return;
  }
  out->negate = legendre(t) != 1;
  fp t2, z0t2, d3;
  sqr(&t2, t);
  add(&out->d, &t2, &FOUR);
  mul(&z0t2, &Z0, &t2);
  mul(&out->n, &Z1, &out->d);
  sub(&out->n, &out->n, &z0t2);
  rhs_times_d(&out->u, &out->n, &out->d);
  if (legendre(&out->u) >= 0) return;
  add(&out->n, &out->n, &out->d);
  neg(&out->n, &out->n);
  rhs_times_d(&out->u, &out->n, &out->d);
  if (legendre(&out->u) >= 0) return;
  mul(&d3, &z0t2, &Z0);
  sqr(&out->n, &out->d);
  add(&out->n, &out->n, &d3);
  out->d = d3;
  rhs_times_d(&out->u, &out->n, &out->d);
}

/* (N D, sqrt(U) D, D) */
INLINE void candidate_point(point *p, const candidate *c, const fp *root) {
  mul(&p->x, &c->n, &c->d);
  mul(&p->y, root, &c->d);
  if (c->negate) neg(&p->y, &p->y);
  p->z = c->d;
}

/* p += (x, y, 1), madd-2007-bl */
static void point_add_affine(point *p, const fp *x, const fp *y) {
  if (is_zero(&p->z)) {
    p->x = *x;
    p->y = *y;
    p->z = ONE;
    return;
  }
  fp z1z1, u2, s2, h, hh, i, j, r, v, t;
  sqr(&z1z1, &p->z);
  mul(&u2, x, &z1z1);
  mul(&s2, y, &p->z);
  mul(&s2, &s2, &z1z1);
  sub(&h, &u2, &p->x);
  sub(&r, &s2, &p->y);
  if (is_zero(&h)) {
    if (is_zero(&r)) {
      point_double(p);
    } else {
      memset(&p->z, 0, sizeof p->z);
    }
    return;
  }
  add(&r, &r, &r);
  sqr(&hh, &h);
  add(&i, &hh, &hh);
  add(&i, &i, &i);
  mul(&j, &h, &i);
  mul(&v, &p->x, &i);
  add(&t, &p->z, &h);
  sqr(&t, &t);
  sub(&t, &t, &z1z1);
  sub(&p->z, &t, &hh);
  sqr(&p->x, &r);
  sub(&p->x, &p->x, &j);
  sub(&p->x, &p->x, &v);
  sub(&p->x, &p->x, &v);
  sub(&t, &v, &p->x);
  mul(&t, &r, &t);
  mul(&j, &p->y, &j);
  add(&j, &j, &j);
  sub(&p->y, &t, &j);
}

/*
 * k*p with k given as two width-5 NAF digit strings of k1 and k2, k = k1 + k2*lambda. The odd multiples P, 3P, ..
 * 15P are brought to one common Z, which makes them affine points (X, Y) of the isomorphic curve
 * y^2 = x^3 + b*Z^6; doubling and addition formulas for a = 0 never use b, so the loop runs there with cheaper
 * mixed additions, and its result (X, Y, Z') is (X, Y, Z'*Z) on our curve.
 */
static void glv_multiply(point *out, const point *p, const int8_t *first, int first_length, const int8_t *second, int second_length) {
  point result;
  result.x = ONE;
  result.y = ONE;
  memset(&result.z, 0, sizeof result.z);
  if (is_zero(&p->z)) {
    *out = result;
    return;
  }
  point odd[8], twice = *p;
  odd[0] = *p;
  point_double(&twice);
  for (int i = 1; i < 8; i++) {
    odd[i] = odd[i - 1];
    point_add(&odd[i], &twice);
  }
  /* lambda_i = product of the other Zs, from prefix and suffix products; the common Z is the product of all */
  fp prefix[9], suffix[9];
  prefix[0] = ONE;
  suffix[8] = ONE;
  for (int i = 0; i < 8; i++) mul(&prefix[i + 1], &prefix[i], &odd[i].z);
  for (int i = 7; i >= 0; i--) mul(&suffix[i], &suffix[i + 1], &odd[i].z);
  fp x[8], y[8], y_neg[8], phi_x[8];
  for (int i = 0; i < 8; i++) {
    fp lambda, lambda2;
    mul(&lambda, &prefix[i], &suffix[i + 1]);
    sqr(&lambda2, &lambda);
    mul(&x[i], &odd[i].x, &lambda2);
    mul(&lambda2, &lambda2, &lambda);
    mul(&y[i], &odd[i].y, &lambda2);
    neg(&y_neg[i], &y[i]);
    mul(&phi_x[i], &x[i], &Z1);
  }
  int top = first_length > second_length ? first_length : second_length;
  for (int i = top - 1; i >= 0; i--) {
    point_double(&result);
    int d1 = i < first_length ? first[i] : 0;
    if (d1 > 0) point_add_affine(&result, &x[d1 >> 1], &y[d1 >> 1]);
    if (d1 < 0) point_add_affine(&result, &x[(-d1) >> 1], &y_neg[(-d1) >> 1]);
    int d2 = i < second_length ? second[i] : 0;
    if (d2 > 0) point_add_affine(&result, &phi_x[d2 >> 1], &y[d2 >> 1]);
    if (d2 < 0) point_add_affine(&result, &phi_x[(-d2) >> 1], &y_neg[(-d2) >> 1]);
  }
  mul(&result.z, &result.z, &prefix[8]);
  *out = result;
}

int KERNEL(const u64 in[8], const int8_t *first, int first_length, const int8_t *second, int second_length, u64 out[8]) {
  fp t[2];
  for (int k = 0; k < 2; k++) {
    fp plain;
    for (int i = 0; i < 4; i++) plain.v[i] = in[4 * k + i];
    mul(&t[k], &plain, &R2);
  }
  candidate c1, c2;
  choose(&c1, &t[0]);
  choose(&c2, &t[1]);
  fp root1, root2;
  power(&root1, &c1.u, SQRT_EXPONENT);
  power(&root2, &c2.u, SQRT_EXPONENT);
  point h, h2, sigma;
  candidate_point(&h, &c1, &root1);
  candidate_point(&h2, &c2, &root2);
  point_add(&h, &h2);
  glv_multiply(&sigma, &h, first, first_length, second, second_length);
  if (is_zero(&sigma.z)) return 0;

  fp z_inv, z_inv2, x, y, plain_one = {{1, 0, 0, 0}};
  power(&z_inv, &sigma.z, INVERSE_EXPONENT);
  sqr(&z_inv2, &z_inv);
  mul(&x, &sigma.x, &z_inv2);
  mul(&z_inv2, &z_inv2, &z_inv);
  mul(&y, &sigma.y, &z_inv2);
  mul(&x, &x, &plain_one); /* out of Montgomery form */
  mul(&y, &y, &plain_one);
  memcpy(out, x.v, sizeof x.v);
  memcpy(out + 4, y.v, sizeof y.v);
  return 1;
}

