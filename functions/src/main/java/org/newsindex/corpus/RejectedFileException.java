package org.newsindex.corpus;

/** A file that cannot be indexed, with a reason a person can act on. */
public final class RejectedFileException extends Exception {
  private static final long serialVersionUID = 1L;

  public RejectedFileException(String reason) {
    super(reason);
  }

  public String reason() {
    return getMessage();
  }
}
