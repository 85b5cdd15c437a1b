package org.newsindex.cli;

import java.io.PrintStream;

/**
 * Keeps stdout for the command's result (the READY line, a response): while a command runs,
 * anything else printed to System.out, by a function for instance, goes to stderr instead.
 */
final class ResultOutput implements AutoCloseable {
  private final PrintStream results;

  private ResultOutput() {
    this.results = System.out;
    System.setOut(System.err);
  }

  /** Takes stdout for results until closed. */
  static ResultOutput claim() {
    return new ResultOutput();
  }

  void println(String line) {
    results.println(line);
    results.flush();
  }

  @Override
  public void close() {
    System.setOut(results);
  }
}
