package avs.execution.task.pipeline;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Optional;

/** Decimal arithmetic for pipelines: exact, bounded in size, and the one place numbers are read from text. */
final class Decimals {
  /** Digits kept by divisions that do not terminate, and the largest exponent a value may have. */
  static final MathContext CONTEXT = new MathContext(50, RoundingMode.HALF_EVEN);
  private static final int MAX_EXPONENT = 1000;
  private static final int MAX_TEXT = 200;

  private Decimals() {}

  /** A number read from text ("3412.15", "-1e-8"); empty for anything else, or for a number too large to be one. */
  static Optional<BigDecimal> parse(String text) {
    String trimmed = text.strip();
    if (trimmed.isEmpty() || trimmed.length() > MAX_TEXT) {
      return Optional.empty();
    }
    try {
      BigDecimal value = new BigDecimal(trimmed);
      return reasonable(value) ? Optional.of(value) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Whether a value's magnitude stays within 10^±1000, so arithmetic on it stays cheap. */
  static boolean reasonable(BigDecimal value) {
    if (value.signum() == 0) {
      return true;
    }
    long magnitude = (long) value.precision() - value.scale();
    return Math.abs(magnitude) <= MAX_EXPONENT && value.precision() <= MAX_EXPONENT;
  }

  /** A value as a number: a Number, or text that is one. */
  static Optional<BigDecimal> of(Value value) {
    return switch (value) {
      case Value.Number n -> Optional.of(n.value()).filter(Decimals::reasonable);
      case Value.Text t -> parse(t.value());
      default -> Optional.empty();
    };
  }

  /** A fraction written as "2%" or "0.02"; empty when it is neither or is negative. */
  static Optional<BigDecimal> fraction(String text) {
    String trimmed = text.strip();
    boolean percent = trimmed.endsWith("%");
    return parse(percent ? trimmed.substring(0, trimmed.length() - 1) : trimmed)
        .map(value -> percent ? value.movePointLeft(2) : value)
        .filter(value -> value.signum() >= 0);
  }

  /** How far {@code value} is from {@code reference}, as a fraction of the reference (a zero reference: 0 or 1). */
  static BigDecimal relativeDistance(BigDecimal value, BigDecimal reference) {
    BigDecimal difference = value.subtract(reference).abs();
    if (reference.signum() == 0) {
      return difference.signum() == 0 ? BigDecimal.ZERO : BigDecimal.ONE.scaleByPowerOfTen(MAX_EXPONENT);
    }
    return difference.divide(reference.abs(), CONTEXT);
  }

  /** A fraction as a percentage for messages: 0.0213 is "2.13 %". */
  static String percent(BigDecimal fraction) {
    return fraction.movePointRight(2).round(new MathContext(3, RoundingMode.HALF_UP)).stripTrailingZeros().toPlainString() + " %";
  }
}
