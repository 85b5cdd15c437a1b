package org.newsindex.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.newsindex.bench.BenchReport;
import org.newsindex.bench.Benchmark;
import org.newsindex.local.ProjectLayout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code newsindex bench}: measures ingest, queries, cold start and cost on a generated corpus. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Starts its own local cloud, generates N articles, ingests them through S3 and the ingest",
      "function, times every query class over HTTP against a naive DynamoDB Scan and an in-memory",
      "Lucene index on the same data, measures cold starts of the deployable jar, prints a table"
          + " and",
      "writes bench.json in the working directory. A benchmark, not a test: figures vary with the"
          + " machine."
    })
final class BenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--articles",
      paramLabel = "N",
      description = "Articles to generate. Default: ${DEFAULT-VALUE}.")
  int articles = 1000;

  @Option(
      names = "--seed",
      paramLabel = "S",
      description = "Corpus and query seed. Default: ${DEFAULT-VALUE}.")
  long seed = 42;

  @Option(
      names = "--queries",
      paramLabel = "N",
      description = "Queries per class. Default: ${DEFAULT-VALUE}.")
  int queries = 10;

  @Option(
      names = "--repeat",
      paramLabel = "N",
      description = "Timed runs of each query. Default: ${DEFAULT-VALUE}.")
  int repeat = 5;

  @Option(
      names = "--concurrency",
      paramLabel = "N",
      description =
          "Concurrent ingest invocations (Lambda scales out; this machine has few cores). Default:"
              + " ${DEFAULT-VALUE}.")
  int concurrency = 16;

  @Option(
      names = "--cold-starts",
      paramLabel = "N",
      description = "Cold start runs per function (0: skip). Default: ${DEFAULT-VALUE}.")
  int coldStarts = 3;

  @Option(names = "--no-reindex", description = "Skip the reindex measurement.")
  boolean noReindex;

  @Option(
      names = "--fan-in-files",
      paramLabel = "N",
      description =
          "Files in each set of the fan-in measurement (0: skip). Default: ${DEFAULT-VALUE}.")
  int fanInFiles = 2500;

  @Option(
      names = "--event-sample",
      paramLabel = "N",
      description = {
        "Articles that go through S3 events (the last N); the rest are uploaded with the",
        "bucket's notifications off and indexed by a reindex first. Default: all up to",
        "10,000 articles, 1%% (at least 1,000) past that."
      })
  int eventSample = -1;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Where to write the JSON. Default: ${DEFAULT-VALUE}.")
  Path out = Path.of("bench.json");

  @Option(
      names = "--project-dir",
      paramLabel = "DIR",
      description = "The project. Default: found from the jar.")
  Path projectDir;

  @Override
  public Integer call() throws Exception {
    if (articles < 10) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--articles must be at least 10");
    }
    Path root = ProjectLayout.require(projectDir).root();
    BenchReport report =
        new Benchmark(
                new Benchmark.Options(
                    root,
                    articles,
                    seed,
                    queries,
                    repeat,
                    concurrency,
                    coldStarts,
                    !noReindex,
                    fanInFiles,
                    eventSample),
                line -> System.err.println(line))
            .run();
    report.print(System.out);
    report.write(out);
    System.err.println("wrote " + out.toAbsolutePath());
    return 0;
  }
}
