package org.newsindex.cli;

import java.net.URI;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.newsindex.analysis.TextAnalyzer;
import org.newsindex.index.IndexSnapshot;
import org.newsindex.local.LocalClients;
import org.newsindex.verify.IndexVerifier;
import org.newsindex.verify.VerificationReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code newsindex verify}: recomputes every statistic, posting list and source list of an index
 * from its stored documents and file manifests, and reports drift.
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Checks an index for drift: recomputes postings, statistics, source lists and suggestion"
          + " counts",
      "from the stored documents and file manifests and compares. Reads the whole table once.",
      "Without --dynamodb it checks the table in AWS, with the default credentials and region."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the index is consistent",
      "1:the check could not run",
      "2:usage error",
      "3:drift found"
    })
final class VerifyCommand implements Callable<Integer> {
  static final int DRIFT = 3;
  private static final int SHOWN = 50;

  @Spec CommandSpec spec;

  @Option(
      names = "--dynamodb",
      paramLabel = "URL",
      description = "A DynamoDB endpoint, e.g. the local cloud's.")
  Optional<URI> endpoint;

  @Option(names = "--table", required = true, paramLabel = "NAME", description = "The index table.")
  String table;

  @Option(
      names = "--region",
      paramLabel = "REGION",
      description = "The region (default: the SDK's default, or us-east-1 locally).")
  Optional<String> region;

  @Override
  public Integer call() {
    try (DynamoDbClient client = client()) {
      VerificationReport report =
          new IndexVerifier(new TextAnalyzer()).verify(IndexSnapshot.load(client, table));
      var out = spec.commandLine().getOut();
      out.printf("verified %s: %s%n", table, report.counts());
      if (!report.pendingFiles().isEmpty()) {
        out.printf(
            "%d file(s) still pending (their latest change is not yet indexed): %s%n",
            report.pendingFiles().size(), report.pendingFiles().stream().limit(10).toList());
      }
      report.drift().stream().limit(SHOWN).forEach(d -> out.println("drift: " + d));
      if (report.drift().size() > SHOWN) {
        out.printf("... and %d more%n", report.drift().size() - SHOWN);
      }
      out.printf("%d drift%n", report.drift().size());
      return report.consistent() ? 0 : DRIFT;
    }
  }

  private DynamoDbClient client() {
    if (endpoint.isPresent()) {
      return LocalClients.dynamoDb(endpoint.get(), region.orElse("us-east-1"));
    }
    var builder = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create());
    region.map(Region::of).ifPresent(builder::region);
    return builder.build();
  }
}
