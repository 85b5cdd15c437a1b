package org.newsindex.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.newsindex.generate.CorpusGenerator;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** Uploads generated articles to a bucket, as a user's uploader would, several at a time. */
final class GeneratedUpload {
  /** Uploads at once: the local S3 and the events it sends keep up with eight. */
  static final int UPLOADERS = 8;

  private GeneratedUpload() {}

  /**
   * Uploads articles {@code from} to {@code to} (exclusive), {@value #UPLOADERS} at a time, running
   * {@code every200} after every 200th upload has finished.
   */
  static void articles(
      S3Client s3, String bucket, CorpusGenerator generator, int from, int to, Runnable every200)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(UPLOADERS);
    try {
      List<Future<?>> uploads = new ArrayList<>();
      for (int i = from; i < to; i++) {
        int n = i;
        uploads.add(
            pool.submit(
                () ->
                    s3.putObject(
                        b -> b.bucket(bucket).key(generator.key(n)).metadata(generator.metadata(n)),
                        RequestBody.fromString(generator.file(n)))));
      }
      for (int i = 0; i < uploads.size(); i++) {
        uploads.get(i).get();
        if (i % 200 == 0) {
          every200.run();
        }
      }
    } finally {
      pool.shutdown();
    }
  }
}
