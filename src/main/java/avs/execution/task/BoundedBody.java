package avs.execution.task;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body collected in memory up to a limit, without a thread of its own: one byte more cancels the
 * exchange (the rest is never read) and fails it with {@link TooLarge}.
 */
public final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {
  /** The body passed the limit. */
  public static final class TooLarge extends IOException {
    TooLarge(int limit) {
      super("more than " + limit + " bytes");
    }
  }

  private final int limit;
  private final CompletableFuture<byte[]> body = new CompletableFuture<>();
  private final List<ByteBuffer> received = new ArrayList<>();
  private Flow.Subscription subscription;
  private long size;

  public BoundedBody(int limit) {
    this.limit = limit;
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    this.subscription = subscription;
    subscription.request(Long.MAX_VALUE);
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    if (body.isDone()) {
      return;
    }
    for (ByteBuffer buffer : buffers) {
      size += buffer.remaining();
      if (size > limit) {
        subscription.cancel();
        received.clear();
        body.completeExceptionally(new TooLarge(limit));
        return;
      }
      received.add(buffer);
    }
  }

  @Override
  public void onError(Throwable failure) {
    received.clear();
    body.completeExceptionally(failure);
  }

  @Override
  public void onComplete() {
    byte[] bytes = new byte[(int) size];
    int at = 0;
    for (ByteBuffer buffer : received) {
      int n = buffer.remaining();
      buffer.get(bytes, at, n);
      at += n;
    }
    received.clear();
    body.complete(bytes);
  }

  @Override
  public CompletionStage<byte[]> getBody() {
    return body;
  }
}
