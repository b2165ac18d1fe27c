package dev.taskapi.local.template;

/** The template cannot be read or uses something this local stand-in cannot interpret. */
public final class TemplateException extends RuntimeException {
  public TemplateException(String message) {
    super(message);
  }

  public TemplateException(String message, Throwable cause) {
    super(message, cause);
  }
}
