package avs.execution.health;

/**
 * A backing service of this node as the EigenLayer node API lists it. {@code critical}: whether its being down makes
 * the whole node unhealthy (503), or only partially healthy (206), as a lost Othentic node connection does while
 * tasks keep being accepted and queued.
 */
public interface HealthCheck {
  String id();

  String name();

  String description();

  boolean critical();

  /** Checks now; never throws (a failure to check is a {@link Health.Level#DOWN} with the reason). */
  Health check();

  /** A service's HTTP server: up while it runs. */
  static HealthCheck server(String id, String name, String route, int port, java.util.function.BooleanSupplier running) {
    return of(id, name, route + " on port " + port, true,
        () -> running.getAsBoolean() ? Health.up("listening on port " + port) : Health.down("the HTTP server is stopped"));
  }

  /** A check from parts, for components whose state is one call away. */
  static HealthCheck of(String id, String name, String description, boolean critical, java.util.function.Supplier<Health> check) {
    return new HealthCheck() {
      @Override
      public String id() {
        return id;
      }

      @Override
      public String name() {
        return name;
      }

      @Override
      public String description() {
        return description;
      }

      @Override
      public boolean critical() {
        return critical;
      }

      @Override
      public Health check() {
        try {
          return check.get();
        } catch (RuntimeException e) {
          return Health.down(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
      }
    };
  }
}
