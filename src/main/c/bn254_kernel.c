/*
 * The BLS signing kernel of avs.execution.sign.bn254 in C: mcl's "original" map of two field elements to G1, their
 * sum, and the GLV multiplication by the signer's key, on Montgomery limbs. The Java classes FpLimbs, HashToG1 and
 * G1Limbs are the reference this follows step by step; NativeBn254 loads it, and the tests check both give the same
 * bytes on every fixture. Not constant-time, like the Java code (see DESIGN.md's threat model).
 *
 * Compiled twice, with -DKERNEL=<name>: for x86-64-v3 (MULX and friends, about a tenth faster) and for any x86-64;
 * bn254_jni.c picks by what the CPU supports.
 */
#ifndef KERNEL
#error "compile with -DKERNEL=<function name>"
#endif

#include "bn254_field.h"

typedef struct { fp x, y, z; } point; /* Jacobian; z = 0 is infinity */

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

/* p + q where both have the same x: p doubled when the y's agree too (r = 0), infinity when they are opposite */
static void same_x(point *p, const fp *r) {
  if (is_zero(r)) {
    point_double(p);
  } else {
    memset(&p->z, 0, sizeof p->z);
  }
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
    same_x(p, &r);
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
    same_x(p, &r);
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

