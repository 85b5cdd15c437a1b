package org.newsindex.cli;

import java.util.concurrent.Callable;
import org.newsindex.local.LocalCloud;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The {@code newsindex} command line (the main class of newsindex-local.jar). Each subcommand is
 * its own class; with no subcommand it runs {@code local}.
 */
@Command(
    name = "newsindex",
    mixinStandardHelpOptions = true,
    version = "newsindex 0.1.0",
    subcommands = {
      LocalCommand.class,
      UploadCommand.class,
      SearchCommand.class,
      StatsCommand.class,
      InvokeCommand.class,
      VerifyCommand.class,
      ReindexCommand.class,
      GenerateCommand.class,
      BenchCommand.class,
      CommandLine.HelpCommand.class
    },
    description = {
      "newsindex: serverless search over a news corpus, run locally.",
      "Commands: local (the default), upload, search, stats, invoke, verify, reindex, generate,"
          + " bench.",
      "Without a subcommand, runs 'local' with the options below."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:failure while running",
      "2:usage error (or a request the API refused)",
      "3:verify found drift"
    })
public final class NewsindexCommand implements Callable<Integer> {
  @Mixin StackOptions stack;
  @Mixin ServeOptions serve;

  @Override
  public Integer call() throws InterruptedException, java.io.IOException {
    return LocalCommand.serve(serve.applyTo(stack.applyTo(LocalCloud.builder())));
  }

  /** Runs the command line and returns its exit code (0 ok, 1 failure, 2 usage error). */
  public static int run(String... args) {
    return new CommandLine(new NewsindexCommand())
        .setExecutionExceptionHandler(
            (error, commandLine, parseResult) -> {
              commandLine.getErr().println("error: " + OneLine.of(error));
              return error instanceof ApiClient.RejectedRequest
                      || error instanceof IllegalArgumentException
                  ? 2
                  : 1;
            })
        .setParameterExceptionHandler(
            (error, arguments) -> {
              CommandLine command = error.getCommandLine();
              command.getErr().println("error: " + error.getMessage());
              command
                  .getErr()
                  .println("Try '" + command.getCommandSpec().qualifiedName() + " --help'.");
              return 2;
            })
        .execute(args);
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }
}
