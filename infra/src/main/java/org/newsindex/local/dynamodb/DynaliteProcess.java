package org.newsindex.local.dynamodb;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * dynalite, a DynamoDB-compatible server, running as a node child process. The launcher script
 * exits when its standard input closes, so the process never outlives this JVM, even on SIGKILL.
 */
public final class DynaliteProcess implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DynaliteProcess.class);
  private static final String READY_PREFIX = "DYNALITE_LISTENING ";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

  private final Process process;
  private final int port;

  private DynaliteProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * Starts dynalite and waits until it listens.
   *
   * @param nodeDirectory the directory holding {@code package.json}, {@code node_modules/} and
   *     {@code src/main/node/dynalite-launcher.js} (the project's {@code infra/})
   * @param port the port on 127.0.0.1, or 0 for a free one
   * @param dataDirectory where LevelDB keeps the tables; empty keeps them in memory
   */
  public static DynaliteProcess start(Path nodeDirectory, int port, Optional<Path> dataDirectory) {
    Path launcher = nodeDirectory.resolve("src/main/node/dynalite-launcher.js");
    if (!Files.isRegularFile(launcher)) {
      throw new DynaliteException("the dynalite launcher is missing: " + launcher);
    }
    if (!Files.isDirectory(nodeDirectory.resolve("node_modules/dynalite"))) {
      throw new DynaliteException(
          "dynalite is not installed in "
              + nodeDirectory.resolve("node_modules")
              + ": run `npm ci` there (the Maven build does it)");
    }
    List<String> command =
        new ArrayList<>(List.of("node", launcher.toString(), Integer.toString(port)));
    dataDirectory.ifPresent(directory -> command.add(directory.toAbsolutePath().toString()));
    Process process;
    try {
      dataDirectory.ifPresent(DynaliteProcess::createDirectories);
      process = new ProcessBuilder(command).directory(nodeDirectory.toFile()).start();
    } catch (IOException e) {
      throw new DynaliteException(
          "cannot start node (is Node.js on the PATH?): " + e.getMessage(), e);
    }
    CompletableFuture<Integer> listening = new CompletableFuture<>();
    List<String> errors = new ArrayList<>();
    pump(
        process.getInputStream(),
        "dynalite-out",
        line -> {
          if (line.startsWith(READY_PREFIX)) {
            listening.complete(Integer.parseInt(line.substring(READY_PREFIX.length()).trim()));
          } else {
            LOG.debug("dynalite: {}", line);
          }
        });
    pump(
        process.getErrorStream(),
        "dynalite-err",
        line -> {
          synchronized (errors) {
            errors.add(line);
          }
          LOG.warn("dynalite: {}", line);
        });
    process
        .onExit()
        .thenRun(
            () ->
                listening.completeExceptionally(
                    new DynaliteException(
                        "dynalite exited with code "
                            + process.exitValue()
                            + ": "
                            + String.join(" / ", errors))));
    try {
      int actualPort = listening.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      LOG.debug("dynalite listens on port {} (pid {})", actualPort, process.pid());
      return new DynaliteProcess(process, actualPort);
    } catch (ExecutionException e) {
      stop(process);
      throw e.getCause() instanceof DynaliteException cause
          ? cause
          : new DynaliteException("dynalite failed", e.getCause());
    } catch (TimeoutException e) {
      stop(process);
      throw new DynaliteException(
          "dynalite did not start within " + START_TIMEOUT.toSeconds() + " s", e);
    } catch (InterruptedException e) {
      stop(process);
      Thread.currentThread().interrupt();
      throw new DynaliteException("interrupted while starting dynalite", e);
    }
  }

  public int port() {
    return port;
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  public long pid() {
    return process.pid();
  }

  /** Stops node: closes its standard input (it then exits by itself), then terminates it. */
  @Override
  public void close() {
    stop(process);
  }

  private static void stop(Process process) {
    try {
      process.getOutputStream().close();
      if (!process.waitFor(3, TimeUnit.SECONDS)) {
        process.destroy();
        if (!process.waitFor(3, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(3, TimeUnit.SECONDS);
        }
      }
    } catch (IOException e) {
      process.destroyForcibly();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static void pump(InputStream stream, String name, Consumer<String> lines) {
    Thread thread =
        new Thread(
            () -> {
              try (BufferedReader reader =
                  new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                  lines.accept(line);
                }
              } catch (IOException e) {
                LOG.debug("{} closed: {}", name, e.getMessage());
              }
            },
            name);
    thread.setDaemon(true);
    thread.start();
  }

  private static void createDirectories(Path directory) {
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new DynaliteException("cannot create " + directory + ": " + e.getMessage(), e);
    }
  }
}
