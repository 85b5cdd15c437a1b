package org.newsindex.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.newsindex.generate.CorpusGenerator;
import org.newsindex.local.ProjectLayout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code newsindex generate}: writes a synthetic corpus in the seed format. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
      "Writes N corpus files in the seed format: 5-10 paragraphs of Zipf-distributed words learnt",
      "from seeds/ plus made-up words, then 10-25 headlines drawn from a shared pool (so many"
          + " files",
      "list the same headline). The same --seed always writes the same files."
    })
final class GenerateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--articles",
      required = true,
      paramLabel = "N",
      description = "How many files to write.")
  int articles;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Where to write them (created if needed).")
  Path out;

  @Option(
      names = "--seed",
      paramLabel = "S",
      description = "Random seed. Default: ${DEFAULT-VALUE}.")
  long seed = 42;

  @Option(
      names = "--project-dir",
      paramLabel = "DIR",
      description = "The project (for seeds/). Default: found from the jar.")
  Path projectDir;

  @Override
  public Integer call() throws IOException {
    if (articles < 1) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--articles must be at least 1");
    }
    CorpusGenerator generator =
        new CorpusGenerator(ProjectLayout.require(projectDir).seedTexts(), articles, seed);
    long started = System.nanoTime();
    generator.write(out, articles);
    spec.commandLine()
        .getOut()
        .printf(
            "wrote %,d files to %s in %.1f s%n",
            articles, out, (System.nanoTime() - started) / 1e9);
    return 0;
  }
}
