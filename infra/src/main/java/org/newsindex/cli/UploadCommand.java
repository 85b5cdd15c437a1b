package org.newsindex.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.newsindex.generate.CorpusGenerator;
import org.newsindex.local.LocalClients;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * {@code newsindex upload}: sends corpus files to the bucket (the running local cloud's, or a real
 * one with {@code --bucket}), with a progress bar, skipping files already there with the same
 * content.
 */
@Command(
    name = "upload",
    mixinStandardHelpOptions = true,
    description = {
      "Uploads a file, or every file under a directory, to the corpus bucket: the running local"
          + " cloud's,",
      "or the one named by --bucket (with your AWS credentials). Keys are paths relative to the"
          + " directory",
      "(with --prefix in front). A file already in the bucket with the same content is skipped, so"
          + " an",
      "interrupted upload resumes where it stopped. A published.tsv at the directory's top (as"
          + " generate writes)",
      "gives files their publication time: lines of <relative path> TAB <ISO date or instant>,"
          + " sent as x-amz-meta-published."
    })
final class UploadCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "DIR|FILE", description = "What to upload.")
  Path source;

  @Option(
      names = "--bucket",
      paramLabel = "NAME",
      description = "A bucket in AWS (default: the running local cloud's).")
  Optional<String> bucket;

  @Option(
      names = "--region",
      paramLabel = "REGION",
      description = "The bucket's region (with --bucket).")
  Optional<String> region;

  @Option(
      names = "--prefix",
      paramLabel = "PREFIX",
      description = "Put keys under this prefix. Default: none.")
  String prefix = "";

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "Parallel uploads. Default: ${DEFAULT-VALUE}.")
  int threads = 8;

  @Override
  public Integer call() throws Exception {
    if (!Files.exists(source)) {
      throw new IllegalArgumentException(source + " does not exist");
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(source)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    Path base =
        Files.isDirectory(source)
            ? source
            : source.getParent() == null ? Path.of(".") : source.getParent();
    Path datesFile = base.resolve(CorpusGenerator.PUBLISHED_FILE);
    Map<String, String> published = publishedTimes(datesFile);
    files = files.stream().filter(f -> !f.equals(datesFile)).toList();
    String target;
    S3Client s3;
    if (bucket.isPresent()) {
      target = bucket.get();
      var builder = S3Client.builder().httpClient(UrlConnectionHttpClient.create());
      region.map(Region::of).ifPresent(builder::region);
      s3 = builder.build();
    } else {
      RunningCloud cloud = RunningCloud.require();
      target = cloud.bucket();
      s3 = LocalClients.s3(cloud.s3(), cloud.region());
    }
    Progress progress = new Progress(files.size(), System.err);
    AtomicInteger uploaded = new AtomicInteger();
    AtomicInteger skipped = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
    try (s3) {
      List<Future<?>> work =
          files.stream()
              .<Future<?>>map(
                  file ->
                      pool.submit(
                          () -> {
                            String relative = base.relativize(file).toString().replace('\\', '/');
                            String key = prefix + relative;
                            Map<String, String> metadata =
                                published.containsKey(relative)
                                    ? Map.of("published", published.get(relative))
                                    : Map.of();
                            byte[] bytes = Files.readAllBytes(file);
                            if (sameContentThere(s3, target, key, bytes)) {
                              skipped.incrementAndGet();
                            } else {
                              s3.putObject(
                                  b -> b.bucket(target).key(key).metadata(metadata),
                                  RequestBody.fromBytes(bytes));
                              uploaded.incrementAndGet();
                            }
                            progress.step();
                            return null;
                          }))
              .toList();
      for (Future<?> f : work) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    progress.done();
    System.out.printf(
        "uploaded %d, skipped %d unchanged, to s3://%s/%s%n",
        uploaded.get(), skipped.get(), target, prefix);
    return 0;
  }

  /** The publication times a {@code published.tsv} gives, by relative path; none without one. */
  static Map<String, String> publishedTimes(Path file) throws java.io.IOException {
    Map<String, String> out = new java.util.HashMap<>();
    if (!Files.isRegularFile(file)) {
      return out;
    }
    for (String line : Files.readAllLines(file)) {
      int tab = line.indexOf('\t');
      if (tab > 0) {
        out.put(line.substring(0, tab), line.substring(tab + 1).strip());
      }
    }
    return out;
  }

  /** Whether the key already holds these bytes (a single-part upload's ETag is its MD5). */
  private static boolean sameContentThere(S3Client s3, String bucket, String key, byte[] bytes) {
    try {
      String etag = s3.headObject(b -> b.bucket(bucket).key(key)).eTag().replace("\"", "");
      return etag.equals(md5(bytes));
    } catch (NoSuchKeyException e) {
      return false;
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return false;
      }
      throw e;
    }
  }

  private static String md5(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A progress bar with rate and time left, redrawn in place on a terminal, else a line every 10%.
   */
  static final class Progress {
    private final int total;
    private final PrintStream out;
    private final boolean terminal = System.console() != null;
    private final long started = System.nanoTime();
    private final AtomicInteger done = new AtomicInteger();
    private volatile int lastDecile = -1;

    Progress(int total, PrintStream out) {
      this.total = total;
      this.out = out;
    }

    void step() {
      int n = done.incrementAndGet();
      int decile = total == 0 ? 10 : n * 10 / total;
      if (terminal || decile != lastDecile) {
        lastDecile = decile;
        draw(n);
      }
    }

    synchronized void draw(int n) {
      double seconds = Math.max(0.001, (System.nanoTime() - started) / 1e9);
      double rate = n / seconds;
      long eta = rate > 0 ? Math.round((total - n) / rate) : 0;
      int width = 30;
      int filled = total == 0 ? width : n * width / total;
      String bar =
          "=".repeat(filled)
              + (filled < width ? ">" : "")
              + " ".repeat(Math.max(0, width - filled - 1));
      String line =
          String.format(
              "[%s] %d/%d files %3d%%  %.1f files/s  ETA %d:%02d",
              bar, n, total, total == 0 ? 100 : n * 100 / total, rate, eta / 60, eta % 60);
      out.print(terminal ? "\r" + line : line + System.lineSeparator());
      out.flush();
    }

    void done() {
      if (terminal) {
        out.println();
      }
    }
  }
}
