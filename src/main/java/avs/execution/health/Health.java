package avs.execution.health;

/** One component's state as a check saw it, with a line for the operator saying why. */
public record Health(Level level, String detail) {
  /** Working; working but degraded (or still starting); not working. */
  public enum Level {
    UP, PARTIAL, DOWN;

    /** The node API's code for one service or the node: 200 healthy, 206 partially healthy, 503 unhealthy. */
    public int httpStatus() {
      return switch (this) {
        case UP -> 200;
        case PARTIAL -> 206;
        case DOWN -> 503;
      };
    }
  }

  public static Health up(String detail) {
    return new Health(Level.UP, detail);
  }

  public static Health partial(String detail) {
    return new Health(Level.PARTIAL, detail);
  }

  public static Health down(String detail) {
    return new Health(Level.DOWN, detail);
  }

  /**
   * The status word of the EigenLayer node API's service list: {@code Up}, {@code Down} or {@code Initializing};
   * a degraded component is still {@code Up} there (its own health endpoint answers 206).
   */
  public String specStatus() {
    return level == Level.DOWN ? "Down" : "Up";
  }

  public int httpStatus() {
    return level.httpStatus();
  }
}
