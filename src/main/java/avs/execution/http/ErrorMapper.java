package avs.execution.http;

import avs.execution.error.BadRequest;
import avs.execution.error.Forbidden;
import avs.execution.error.IdempotencyKeyReused;
import avs.execution.error.NotFound;
import avs.execution.error.PayloadTooLarge;
import avs.execution.error.StorageFailure;
import avs.execution.error.TaskFailed;
import avs.execution.error.TooBusy;
import avs.execution.error.UpstreamFailure;
import avs.execution.logging.LogText;
import avs.execution.pipeline.ExecutionDeferred;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where exceptions from handlers become HTTP answers: the error envelope with an honest status.
 * A client's mistake is one log line ({@link ClientErrors}); only a failure of our own is logged with its trace.
 */
final class ErrorMapper {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);

  private ErrorMapper() {}

  static void handle(ServerRequest request, ServerResponse response, Throwable error) {
    int status = status(error);
    String message = status == 500 ? "internal error: see the service log" : error.getMessage();
    if (status == 500) {
      LOG.error("{} failed", describe(request), error);
    } else if (status < 500) {
      ClientErrors.log(client(request), describe(request), status, message);
    }
    if (!response.isSent()) {
      if (error instanceof TooBusy busy) {
        response.header(HeaderNames.RETRY_AFTER, Long.toString(Math.max(1, busy.retryAfter().toSeconds())));
      }
      if (error instanceof Refusal refusal) {
        refusal.headers().forEach(response::header);
      }
      if (error instanceof ExecutionDeferred deferred) {
        // the failure's status, and the task that is kept and tried again, to follow rather than trigger anew
        Responses.json(response, status, Envelope.failure(TaskView.of(deferred.task()), message));
        return;
      }
      Responses.json(response, status, Envelope.failure(message));
    }
  }

  /**
   * The Validation Service's mapping (PROTOCOL §4): a bad request stays a 4xx; every failure to decide is 500, and
   * says which upstream failed, because the attester's operator has to fix it.
   */
  static void handleForValidation(ServerRequest request, ServerResponse response, Throwable error) {
    int status = status(error);
    if (status < 500) {
      handle(request, response, error);
      return;
    }
    String message;
    if (error instanceof UpstreamFailure) {
      LOG.warn("cannot validate, no vote: {}", error.getMessage());
      message = "cannot validate: " + error.getMessage();
    } else {
      LOG.error("{} failed", describe(request), error);
      message = "cannot validate: internal error, see the validation service's log";
    }
    if (!response.isSent()) {
      Responses.json(response, 500, Envelope.failure(message));
    }
  }

  static int status(Throwable error) {
    if (error instanceof ExecutionDeferred deferred) {
      return status(deferred.failure());
    }
    if (error instanceof Refusal refusal) {
      return refusal.status();
    }
    if (error instanceof BadRequest) {
      return Status.BAD_REQUEST_400.code();
    }
    if (error instanceof NotFound) {
      return Status.NOT_FOUND_404.code();
    }
    if (error instanceof Forbidden) {
      return Status.FORBIDDEN_403.code();
    }
    if (error instanceof PayloadTooLarge) {
      return Status.REQUEST_ENTITY_TOO_LARGE_413.code();
    }
    if (error instanceof IdempotencyKeyReused) {
      return Status.UNPROCESSABLE_CONTENT_422.code();
    }
    if (error instanceof TooBusy) {
      return Status.TOO_MANY_REQUESTS_429.code();
    }
    if (error instanceof StorageFailure) {
      return Status.SERVICE_UNAVAILABLE_503.code();
    }
    if (error instanceof TaskFailed) {
      return Status.BAD_GATEWAY_502.code();
    }
    if (error instanceof UpstreamFailure upstream) {
      return switch (upstream.kind()) {
        case UNAVAILABLE -> Status.SERVICE_UNAVAILABLE_503.code();
        case TIMEOUT -> Status.GATEWAY_TIMEOUT_504.code();
        case BAD_ANSWER, REJECTED -> Status.BAD_GATEWAY_502.code();
      };
    }
    return Status.INTERNAL_SERVER_ERROR_500.code();
  }

  private static String describe(ServerRequest request) {
    return request.prologue().method().text() + " " + LogText.of(request.path().path());
  }

  private static String client(ServerRequest request) {
    var peer = request.remotePeer();
    return peer.host() + ":" + peer.port();
  }
}
