package org.newsindex.cli;

import java.io.PrintStream;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.newsindex.index.ReindexCheckpoint;
import org.newsindex.local.LocalClients;
import org.newsindex.reindex.LocalReindex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code newsindex reindex}: indexes every object of the bucket the table does not hold as it is,
 * from this machine (the running local cloud's, or a deployed stack's with {@code --bucket} and
 * {@code --table}), or by the stack itself ({@code --in-stack}).
 */
@Command(
    name = "reindex",
    mixinStandardHelpOptions = true,
    description = {
      "Indexes every object in the bucket (under --prefix) that the table does not hold as it is:",
      "files uploaded while no ingest ran, a table lost and recreated, a stack deployed onto a",
      "bucket of files. Objects gone from the bucket are withdrawn. Run again, it changes nothing;",
      "cut off (Ctrl-C, a crash), it resumes from its checkpoint. Events S3 sends meanwhile win"
          + " over",
      "what the listing found. Without --bucket it works on the running local cloud.",
      "--in-stack leaves the work to the deployed stack: its every-minute sweep lists the bucket",
      "and its writer folds what it finds (see docs/ingest.md for time and cost)."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:done (or started in the stack)", "1:failed while running", "2:usage error"})
final class ReindexCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--bucket", paramLabel = "NAME", description = "A bucket in AWS.")
  Optional<String> bucket;

  @Option(names = "--table", paramLabel = "NAME", description = "Its index table (with --bucket).")
  Optional<String> table;

  @Option(names = "--region", paramLabel = "REGION", description = "Their region.")
  Optional<String> region;

  @Option(
      names = "--prefix",
      paramLabel = "PREFIX",
      description = "Only keys under this prefix. Default: the whole bucket.")
  String prefix = "";

  @Option(names = "--restart", description = "List from the top, not from the last checkpoint.")
  boolean restart;

  @Option(
      names = "--in-stack",
      description = "Start the reindex in the deployed stack and return (needs --bucket/--table).")
  boolean inStack;

  @Override
  public Integer call() {
    if (bucket.isPresent() != table.isPresent()) {
      throw new IllegalArgumentException("give both --bucket and --table, or neither");
    }
    if (inStack && bucket.isEmpty()) {
      throw new IllegalArgumentException(
          "--in-stack starts the reindex in a deployed stack: give its --bucket and --table");
    }
    java.io.PrintWriter out = spec.commandLine().getOut();
    PrintStream err = System.err;
    String bucketName;
    String tableName;
    DynamoDbClient dynamoDb;
    S3Client s3;
    if (bucket.isPresent()) {
      bucketName = bucket.get();
      tableName = table.get();
      var d = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create());
      var s = S3Client.builder().httpClient(UrlConnectionHttpClient.create());
      region
          .map(Region::of)
          .ifPresent(
              r -> {
                d.region(r);
                s.region(r);
              });
      d.overrideConfiguration(c -> c.addExecutionInterceptor(new org.newsindex.index.WriteFence()));
      dynamoDb = d.build();
      s3 = s.build();
    } else {
      RunningCloud cloud = RunningCloud.require();
      bucketName = cloud.bucket();
      tableName = cloud.table();
      dynamoDb = LocalClients.dynamoDb(cloud.dynamoDb(), cloud.region());
      s3 = LocalClients.s3(cloud.s3(), cloud.region());
    }
    try (dynamoDb;
        s3) {
      LocalReindex reindex = new LocalReindex(dynamoDb, tableName, s3, bucketName);
      if (inStack) {
        ReindexCheckpoint c = reindex.startInStack(prefix, restart);
        out.printf(
            "reindex of s3://%s/%s started in the stack: its sweep lists the bucket from the next"
                + " minute (%,d objects listed so far); follow it with 'newsindex stats'%n",
            bucketName, prefix, c.listed());
        return 0;
      }
      boolean terminal = System.console() != null;
      LocalReindex.Result r =
          reindex.run(
              prefix,
              restart,
              line -> {
                err.print(terminal ? "\r" + line + "      " : line + System.lineSeparator());
                err.flush();
              });
      if (terminal) {
        err.println();
      }
      out.printf(
          "reindexed s3://%s/%s into %s: %,d objects listed, %,d changes, %,d files folded in %d"
              + " round(s), %,d items written (listing %.1f s, indexing %.1f s)%n",
          bucketName,
          prefix,
          tableName,
          r.listed(),
          r.changes(),
          r.folded(),
          r.rounds(),
          r.itemsWritten(),
          r.listSeconds(),
          r.foldSeconds());
      return 0;
    }
  }
}
