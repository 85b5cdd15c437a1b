package org.newsindex;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.newsindex.local.ProjectLayout;

/**
 * The checkout the tests run against, found in one place: the {@code newsindex.projectDir} system
 * property (the build sets it), else the project around the code, as the command line finds it.
 */
public final class TestProject {
  private TestProject() {}

  public static ProjectLayout layout() {
    String property = System.getProperty("newsindex.projectDir");
    if (property != null) {
      return new ProjectLayout(Path.of(property));
    }
    return ProjectLayout.find()
        .orElseThrow(() -> new IllegalStateException("no template.yaml above the tests"));
  }

  /** The checkout's root directory. */
  public static Path dir() {
    return layout().root();
  }

  /** The text of every seed file, in file name order. */
  public static List<String> seedTexts() {
    try {
      return layout().seedTexts();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
