package org.newsindex.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Uploads the files of a seed directory to a bucket through the S3 API, so that each upload starts
 * the same event-driven ingest a real upload would. Keys are the paths below the directory.
 */
final class SeedUpload {
  private SeedUpload() {}

  /** Uploads every regular file, in name order; returns how many. */
  static int uploadAll(S3Client s3, String bucket, Path directory) {
    if (!Files.isDirectory(directory)) {
      return 0;
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(directory)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + directory, e);
    }
    for (Path file : files) {
      String key =
          directory.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
      s3.putObject(
          r -> r.bucket(bucket).key(key).contentType(contentType(file)),
          RequestBody.fromFile(file));
    }
    return files.size();
  }

  private static String contentType(Path file) {
    try {
      return Optional.ofNullable(Files.probeContentType(file)).orElse("application/octet-stream");
    } catch (IOException e) {
      return "application/octet-stream";
    }
  }
}
