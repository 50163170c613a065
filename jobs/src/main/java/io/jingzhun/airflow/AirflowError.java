package io.jingzhun.airflow;

/**
 * What went wrong talking to Airflow, one subtype per thing a caller can act on. Messages carry Airflow's
 * own explanation where it gave one, and never credentials or tokens.
 */
public abstract class AirflowError extends RuntimeException {
  private final int httpStatus;

  private AirflowError(String message, int httpStatus, Throwable cause) {
    super(message, cause);
    this.httpStatus = httpStatus;
  }

  /** The HTTP status Airflow answered with, or -1 when there was no answer. */
  public int httpStatus() {
    return httpStatus;
  }

  /** No connection: Airflow is down, the URL is wrong, or TLS failed. */
  public static final class Unreachable extends AirflowError {
    Unreachable(String message, Throwable cause) {
      super(message, -1, cause);
    }
  }

  /** 401: no credentials, wrong user name or password, or a token Airflow no longer accepts. */
  public static final class Unauthorised extends AirflowError {
    Unauthorised(String message) {
      super(message, 401, null);
    }
  }

  /** 403: the user is known but its role may not do this (triggering needs role USER or above). */
  public static final class Forbidden extends AirflowError {
    Forbidden(String message) {
      super(message, 403, null);
    }
  }

  /** 404: no such DAG, run, task or log. */
  public static final class NotFound extends AirflowError {
    NotFound(String message) {
      super(message, 404, null);
    }
  }

  /** 409: the run already exists (same run id, or a run for the same logical date). */
  public static final class Conflict extends AirflowError {
    Conflict(String message) {
      super(message, 409, null);
    }
  }

  /** 400 or 422: Airflow refused the request as malformed; the message is Airflow's reason. */
  public static final class InvalidRequest extends AirflowError {
    InvalidRequest(String message, int httpStatus) {
      super(message, httpStatus, null);
    }
  }

  /** A request, or a wait for a run to finish, took longer than allowed. */
  public static final class Timeout extends AirflowError {
    Timeout(String message, Throwable cause) {
      super(message, -1, cause);
    }
  }

  /** Any other answer (5xx, an unexpected body): Airflow itself is in trouble. */
  public static final class ServerError extends AirflowError {
    ServerError(String message, int httpStatus) {
      super(message, httpStatus, null);
    }
  }
}
