package org.newsindex.local.template;

/** Thrown when a template cannot be read or a value in it cannot be resolved locally. */
public final class TemplateException extends RuntimeException {
  public TemplateException(String message) {
    super(message);
  }

  public TemplateException(String message, Throwable cause) {
    super(message, cause);
  }
}
