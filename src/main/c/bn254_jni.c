/*
 * The JNI entry of the BLS signing kernel (bn254_kernel.c, built twice): NativeBn254.sign runs the x86-64-v3 build
 * where the CPU has it, the baseline build elsewhere.
 */
#include <jni.h>
#include <stdint.h>
#include <string.h>

int bn254_sign_v3(const uint64_t in[8], const int8_t *first, int first_length, const int8_t *second, int second_length, uint64_t out[8]);
int bn254_sign_base(const uint64_t in[8], const int8_t *first, int first_length, const int8_t *second, int second_length, uint64_t out[8]);

static int use_v3;

/* Once, when the library is loaded: which build this CPU can run. */
__attribute__((constructor)) static void choose_kernel(void) {
  __builtin_cpu_init();
  use_v3 = __builtin_cpu_supports("x86-64-v3") != 0;
}

/*
 * NativeBn254.sign(long[] fieldElements, byte[] first, byte[] second, long[] out, boolean baseline): fieldElements
 * holds the two hashed field elements (plain form, below p, 4 little-endian limbs each); out receives the affine x
 * and y of sk*(map(t0) + map(t1)) in plain form. Returns false for infinity. baseline runs the build for any x86-64
 * even where the v3 build could run (for the tests).
 */
JNIEXPORT jboolean JNICALL Java_avs_execution_sign_bn254_NativeBn254_sign(JNIEnv *env, jclass type, jlongArray fieldElements,
    jbyteArray first, jbyteArray second, jlongArray out, jboolean baseline) {
  (void)type;
  jlong in[8];
  jbyte digits1[300], digits2[300];
  jsize first_length = (*env)->GetArrayLength(env, first);
  jsize second_length = (*env)->GetArrayLength(env, second);
  if (first_length > 300 || second_length > 300) return JNI_FALSE;
  (*env)->GetLongArrayRegion(env, fieldElements, 0, 8, in);
  (*env)->GetByteArrayRegion(env, first, 0, first_length, digits1);
  (*env)->GetByteArrayRegion(env, second, 0, second_length, digits2);
  uint64_t t[8], result[8];
  memcpy(t, in, sizeof t);
  int finite = use_v3 && !baseline ? bn254_sign_v3(t, digits1, first_length, digits2, second_length, result)
                  : bn254_sign_base(t, digits1, first_length, digits2, second_length, result);
  if (!finite) return JNI_FALSE;
  (*env)->SetLongArrayRegion(env, out, 0, 8, (const jlong *)result);
  return JNI_TRUE;
}
