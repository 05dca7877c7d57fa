package avs.execution.http;

import avs.execution.error.BadRequest;
import avs.execution.error.NotFound;
import avs.execution.error.PayloadTooLarge;
import avs.execution.error.StorageFailure;
import avs.execution.error.TaskFailed;
import avs.execution.error.TooBusy;
import avs.execution.error.UpstreamFailure;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place where exceptions become HTTP answers: the error envelope with an honest status. */
final class ErrorMapper {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);

  private ErrorMapper() {}

  static void handle(ServerRequest request, ServerResponse response, Throwable error) {
    int status = status(error);
    String message = status == 500 ? "internal error: see the service log" : error.getMessage();
    if (status == 500) {
      LOG.error("{} {} failed", request.prologue().method().text(), request.path().path(), error);
    }
    if (!response.isSent()) {
      if (error instanceof TooBusy busy) {
        response.header(HeaderNames.RETRY_AFTER, Long.toString(Math.max(1, busy.retryAfter().toSeconds())));
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
      LOG.error("{} {} failed", request.prologue().method().text(), request.path().path(), error);
      message = "cannot validate: internal error, see the validation service's log";
    }
    if (!response.isSent()) {
      Responses.json(response, 500, Envelope.failure(message));
    }
  }

  static int status(Throwable error) {
    if (error instanceof BadRequest) {
      return Status.BAD_REQUEST_400.code();
    }
    if (error instanceof NotFound) {
      return Status.NOT_FOUND_404.code();
    }
    if (error instanceof PayloadTooLarge) {
      return Status.REQUEST_ENTITY_TOO_LARGE_413.code();
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
}
