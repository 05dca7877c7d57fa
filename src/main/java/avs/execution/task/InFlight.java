package avs.execution.task;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * Coalesces identical concurrent calls: while one call for a key runs, callers with the same key wait for its
 * result instead of making their own (an exchange is asked once for 32 concurrent tasks, not 32 times). A finished
 * call is forgotten at once, so nothing is cached beyond the call itself.
 */
public final class InFlight<K, V> {
  private final ConcurrentMap<K, CompletableFuture<V>> calls = new ConcurrentHashMap<>();

  /** The result of {@code call}, or of the identical call already running; its RuntimeException is rethrown. */
  public V get(K key, Supplier<V> call) {
    CompletableFuture<V> mine = new CompletableFuture<>();
    CompletableFuture<V> shared = calls.putIfAbsent(key, mine);
    if (shared != null) {
      return join(shared);
    }
    try {
      mine.complete(call.get());
    } catch (RuntimeException e) {
      mine.completeExceptionally(e);
    } finally {
      calls.remove(key, mine);
    }
    return join(mine);
  }

  private static <V> V join(CompletableFuture<V> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }
}
