package avs.execution.upstream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;

/**
 * Bodies between the JDK's {@code java.net.http} types and bytes: a request's {@link HttpRequest.BodyPublisher}
 * collected into one array, and an answer's bytes handed to the {@link HttpResponse.BodySubscriber} its handler
 * makes, as one item, following the subscriber's demand.
 */
final class BodyBytes {
  private static final byte[] NONE = new byte[0];

  private BodyBytes() {}

  /** The bytes a request's publisher gives (none without a publisher), at most {@link Http1Connection#MAX_BODY_BYTES}. */
  static byte[] of(HttpRequest request) throws IOException, InterruptedException {
    if (request.bodyPublisher().isEmpty()) {
      return NONE;
    }
    HttpRequest.BodyPublisher publisher = request.bodyPublisher().get();
    Collector collector = new Collector(publisher.contentLength());
    publisher.subscribe(collector);
    try {
      return collector.done.get(); // the JDK's publishers of bytes and strings publish at once, on this thread
    } catch (ExecutionException e) {
      throw e.getCause() instanceof IOException io ? io : new IOException("the request's body could not be read: " + e.getCause(), e.getCause());
    }
  }

  /** The body object a handler makes of these bytes (a String, a byte[], …). */
  static <T> T deliver(HttpResponse.BodySubscriber<T> subscriber, byte[] body) throws IOException, InterruptedException {
    subscriber.onSubscribe(new OneItem(subscriber, body));
    try {
      return subscriber.getBody().toCompletableFuture().get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof IOException io ? io : new IOException("the answer's body could not be read: " + e.getCause(), e.getCause());
    }
  }

  /** Collects into an array of the publisher's length when it tells one (every publisher of bytes or strings does). */
  private static final class Collector implements Flow.Subscriber<ByteBuffer> {
    private final ByteArrayOutputStream bytes;
    private final CompletableFuture<byte[]> done = new CompletableFuture<>();
    private final byte[] exact;
    private int filled;
    private Flow.Subscription subscription;

    Collector(long length) {
      boolean known = length >= 0 && length <= Http1Connection.MAX_BODY_BYTES;
      this.exact = known ? new byte[(int) length] : null;
      this.bytes = known ? null : new ByteArrayOutputStream();
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      this.subscription = subscription;
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(ByteBuffer item) {
      if (exact != null && filled + item.remaining() <= exact.length) {
        int n = item.remaining();
        item.get(exact, filled, n);
        filled += n;
        return;
      }
      if (exact != null) {
        subscription.cancel();
        done.completeExceptionally(new IOException("the request's body is longer than its publisher's length, " + exact.length + " bytes"));
        return;
      }
      if (bytes.size() + (long) item.remaining() > Http1Connection.MAX_BODY_BYTES) {
        subscription.cancel();
        done.completeExceptionally(new IOException("the request's body exceeds " + Http1Connection.MAX_BODY_BYTES + " bytes"));
        return;
      }
      byte[] chunk = new byte[item.remaining()];
      item.get(chunk);
      bytes.writeBytes(chunk);
    }

    @Override
    public void onError(Throwable error) {
      done.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
      if (exact != null && filled != exact.length) {
        done.completeExceptionally(new IOException("the request's body has " + filled + " bytes, not its publisher's length, " + exact.length));
        return;
      }
      done.complete(exact != null ? exact : bytes.toByteArray());
    }
  }

  /** A subscription that delivers the whole body as one item once anything is requested, then completes. */
  private static final class OneItem implements Flow.Subscription {
    private final HttpResponse.BodySubscriber<?> subscriber;
    private final byte[] body;
    private boolean finished;

    OneItem(HttpResponse.BodySubscriber<?> subscriber, byte[] body) {
      this.subscriber = subscriber;
      this.body = body;
    }

    @Override
    public synchronized void request(long n) {
      if (finished) {
        return;
      }
      finished = true;
      if (n <= 0) {
        subscriber.onError(new IllegalArgumentException("non-positive request: " + n));
        return;
      }
      if (body.length > 0) {
        subscriber.onNext(List.of(ByteBuffer.wrap(body)));
      }
      subscriber.onComplete();
    }

    @Override
    public synchronized void cancel() {
      finished = true;
    }
  }
}
