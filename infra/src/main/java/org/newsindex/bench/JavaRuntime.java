package org.newsindex.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JDK to measure cold starts on: the one running the benchmark, and any Java 25 in {@code
 * /usr/lib/jvm} (the version of Lambda's {@code java25} runtime), each named by its version.
 */
record JavaRuntime(String version, Path home) {
  /** The Java release Lambda's newest managed Java runtime runs. */
  static final int LAMBDA_RELEASE = 25;

  private static final Path JVM_DIR = Path.of("/usr/lib/jvm");
  private static final Pattern VERSION =
      Pattern.compile("^JAVA_VERSION=\"([^\"]+)\"", Pattern.MULTILINE);

  Path java() {
    return home.resolve("bin").resolve("java");
  }

  /** The running JDK first, then each other Java 25 found (the same JDK only once). */
  static List<JavaRuntime> found() {
    List<JavaRuntime> runtimes = new ArrayList<>();
    Path running = Path.of(System.getProperty("java.home"));
    runtimes.add(new JavaRuntime(System.getProperty("java.version"), running));
    Set<Path> seen = new LinkedHashSet<>();
    seen.add(real(running));
    if (Files.isDirectory(JVM_DIR)) {
      try (DirectoryStream<Path> dirs = Files.newDirectoryStream(JVM_DIR)) {
        for (Path dir : sorted(dirs)) {
          Optional<String> version = version(dir);
          if (version.isPresent()
              && release(version.get()) == LAMBDA_RELEASE
              && Files.isExecutable(dir.resolve("bin/java"))
              && seen.add(real(dir))) {
            runtimes.add(new JavaRuntime(version.get(), dir));
          }
        }
      } catch (IOException e) {
        // An unreadable directory holds no JDK we can run.
      }
    }
    return runtimes;
  }

  private static List<Path> sorted(DirectoryStream<Path> dirs) {
    List<Path> list = new ArrayList<>();
    dirs.forEach(list::add);
    list.sort(null);
    return list;
  }

  /** The JDK's version from its {@code release} file. */
  static Optional<String> version(Path home) {
    try {
      Matcher m = VERSION.matcher(Files.readString(home.resolve("release")));
      return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The feature release of a version string: 25 for "25.0.3", 8 for "1.8.0_402". */
  static int release(String version) {
    String[] parts = version.split("[.+_-]");
    try {
      int first = Integer.parseInt(parts[0]);
      return first == 1 && parts.length > 1 ? Integer.parseInt(parts[1]) : first;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static Path real(Path p) {
    try {
      return p.toRealPath();
    } catch (IOException e) {
      return p.toAbsolutePath().normalize();
    }
  }
}
