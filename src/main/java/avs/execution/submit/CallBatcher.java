package avs.execution.submit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Puts JSON-RPC calls made at the same time into one exchange with the node, as one JSON array. The node takes such
 * batches: the reference performer's ethers v6 provider sends the calls it has pending as one. At most
 * {@link #MAX_IN_FLIGHT} exchanges are out at once. A call made while fewer are out goes at once, alone, so no call
 * ever waits for others to arrive. A call made while that many are out waits in line; when an exchange returns, the
 * first call in line goes next, with the calls behind it (up to {@code maxBatch} calls and {@link #MAX_BATCH_BYTES}
 * bytes of them). Each exchange is sent on the thread of its first call; the others wait for their outcomes. After
 * {@link #sendAlone()}, every exchange carries one call.
 */
final class CallBatcher {
  /** Exchanges with the node out at once. */
  static final int MAX_IN_FLIGHT = 4;
  /** A batch's calls stop growing at this many bytes (ethers' batchMaxSize is 1 MiB too). */
  static final int MAX_BATCH_BYTES = 1 << 20;

  /** Sends one exchange and gives every call in it its outcome; must not throw. */
  interface Exchange {
    void send(List<Call> batch);
  }

  /** One call: its id and JSON text, and how it ended. */
  static final class Call {
    final long id;
    final String method;
    final String json;
    /** Completes true when this call must send the next exchange, false when another exchange carried it. */
    private final CompletableFuture<Boolean> turn = new CompletableFuture<>();
    private Acknowledgement acknowledgement;
    private RuntimeException failure;

    Call(long id, String method, String json) {
      this.id = id;
      this.method = method;
      this.json = json;
    }

    void succeeded(Acknowledgement answer) {
      acknowledgement = answer;
    }

    void failed(RuntimeException problem) {
      failure = problem;
    }

    boolean ended() {
      return acknowledgement != null || failure != null;
    }

    Acknowledgement outcome() {
      if (failure != null) {
        throw failure;
      }
      return acknowledgement;
    }
  }

  private volatile int maxBatch;
  private final Exchange exchange;
  private final ReentrantLock lock = new ReentrantLock();
  private final ArrayDeque<Call> line = new ArrayDeque<>();
  private int inFlight;

  CallBatcher(int maxBatch, Exchange exchange) {
    this.maxBatch = maxBatch;
    this.exchange = exchange;
  }

  /** From now on every call goes alone (the node refused a batch); returns whether calls were batched until now. */
  boolean sendAlone() {
    lock.lock();
    try {
      boolean wasBatching = maxBatch > 1;
      maxBatch = 1;
      return wasBatching;
    } finally {
      lock.unlock();
    }
  }

  /** Makes the call, alone or with others, and returns its answer or throws its failure. */
  Acknowledgement call(Call call) {
    boolean sendNow;
    lock.lock();
    try {
      sendNow = inFlight < MAX_IN_FLIGHT;
      if (sendNow) {
        inFlight++;
      } else {
        line.addLast(call);
      }
    } finally {
      lock.unlock();
    }
    if (sendNow || call.turn.join()) {
      send(call);
    }
    return call.outcome();
  }

  /** One exchange, led by {@code first}, then the turn handed to the next call in line (or the slot given back). */
  private void send(Call first) {
    List<Call> batch = new ArrayList<>();
    batch.add(first);
    try {
      lock.lock();
      try {
        long bytes = first.json.length();
        while (batch.size() < maxBatch && !line.isEmpty() && bytes + line.peekFirst().json.length() <= MAX_BATCH_BYTES) {
          Call taken = line.pollFirst();
          bytes += taken.json.length();
          batch.add(taken);
        }
      } finally {
        lock.unlock();
      }
      exchange.send(batch);
    } finally {
      for (Call call : batch) {
        if (!call.ended()) {
          call.failed(new IllegalStateException("the exchange with the node ended without an outcome for call " + call.id));
        }
        if (call != first) {
          call.turn.complete(false);
        }
      }
      Call next;
      lock.lock();
      try {
        next = line.pollFirst();
        if (next == null) {
          inFlight--;
        }
      } finally {
        lock.unlock();
      }
      if (next != null) {
        next.turn.complete(true);
      }
    }
  }
}
