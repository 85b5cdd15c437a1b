package org.newsindex.cli;

/** Renders a failure as one line for the terminal: its message, else its first cause's message. */
final class OneLine {
  private OneLine() {}

  static String of(Throwable error) {
    for (Throwable current = error; current != null; current = current.getCause()) {
      String message = current.getMessage();
      if (message != null && !message.isBlank()) {
        return message.replace('\n', ' ');
      }
      if (current.getCause() == current) {
        break;
      }
    }
    return error.getClass().getSimpleName();
  }
}
