package dev.taskapi.domain;

/**
 * A request that cannot be served for a reason the caller can act on. Every subtype maps to exactly one HTTP
 * problem response in {@code dev.taskapi.http.Problems}; the switch there is exhaustive because this type is sealed.
 *
 * <p>These exceptions are expected control flow for bad input, so they skip the stack trace: it would cost time
 * on every rejected request and is never shown to anyone.
 */
public abstract sealed class DomainException extends RuntimeException
    permits InvalidRequestException,
        UnsupportedMediaTypeException,
        PayloadTooLargeException,
        AuthenticationFailedException,
        ForbiddenException,
        NotFoundException,
        ConflictException,
        TooManyRequestsException,
        PreconditionFailedException,
        UnprocessableContentException,
        ServiceUnavailableException,
        GoneException {

  protected DomainException(String detail) {
    super(detail, null, false, false);
  }

  /** A sentence for the client; never internal details. */
  public String detail() {
    return getMessage();
  }
}
