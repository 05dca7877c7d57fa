package avs.execution.http.edge;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the edge costs per request: framing one trigger as wrk and the node's clients send it (keep-alive, small JSON
 * body), from the bytes as they came off the socket to the normalized request Helidon reads. Run with
 * {@code bench/jmh.sh FramingBenchmark}; never part of the test run.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FramingBenchmark {
  private static final byte[] TRIGGER = ("POST /task/execute HTTP/1.1\r\nHost: 127.0.0.1:4003\r\nUser-Agent: curl/7.88.1\r\nAccept: */*\r\n"
      + "Content-Type: application/json\r\nContent-Length: 22\r\n\r\n{\"taskDefinitionId\":0}").getBytes(StandardCharsets.ISO_8859_1);
  private RequestFramer framer;

  @Setup
  public void setUp() {
    DataWriter ignored = new DataWriter() {
      @Override
      public void write(BufferData... buffers) {}

      @Override
      public void write(BufferData buffer) {}

      @Override
      public void writeNow(BufferData... buffers) {}

      @Override
      public void writeNow(BufferData buffer) {}
    };
    RequestFramer.EdgeConnection connection = new RequestFramer.EdgeConnection() {
      @Override
      public ByteSource source() {
        return () -> TRIGGER; // every read brings the next request, as on a kept-alive connection
      }

      @Override
      public DataWriter writer() {
        return ignored;
      }

      @Override
      public void close() {}

      @Override
      public boolean isOpen() {
        return true;
      }

      @Override
      public String client() {
        return "127.0.0.1:1";
      }

      @Override
      public String localAuthority() {
        return "127.0.0.1:4003";
      }
    };
    framer = new RequestFramer(ClientLimits.defaults(65_536), new Refusals() {
      @Override
      public byte[] body(String message) {
        return new byte[0];
      }

      @Override
      public void refused(String client, String request, int status, String message) {
        throw new IllegalStateException(message);
      }
    }, connection);
  }

  @Benchmark
  public byte[] frameOneTrigger() {
    return framer.get();
  }
}
