package org.newsindex.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The seed corpus ({@code seeds/} at the checkout's root, the directory with template.yaml above
 * the working directory) as the functions' tests read it: the one place they find it.
 */
public final class SeedFiles {
  private SeedFiles() {}

  public static Path directory() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("template.yaml"))) {
        return dir.resolve("seeds");
      }
    }
    throw new IllegalStateException("no template.yaml above " + Path.of("").toAbsolutePath());
  }

  /** Every seed file, in file name order. */
  public static List<Path> paths() {
    try (Stream<Path> files = Files.list(directory())) {
      return files.sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One seed file's bytes. */
  public static byte[] bytes(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static byte[] bytes(String name) {
    return bytes(directory().resolve(name));
  }
}
