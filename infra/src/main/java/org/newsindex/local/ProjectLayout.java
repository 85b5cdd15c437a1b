package org.newsindex.local;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where things are in a newsindex checkout: {@code template.yaml} and {@code seeds/} at the root,
 * the node tools (dynalite) in {@code infra/}. Function code is found from the template's {@code
 * CodeUri} (see {@code CodeLocation}).
 */
public record ProjectLayout(Path root) {
  public ProjectLayout {
    root = root.toAbsolutePath().normalize();
  }

  public Path template() {
    return root.resolve("template.yaml");
  }

  public Path seeds() {
    return root.resolve("seeds");
  }

  /** The text of every seed file, in file name order. */
  public List<String> seedTexts() throws IOException {
    List<String> texts = new ArrayList<>();
    try (var files = Files.list(seeds())) {
      for (Path p : files.sorted().toList()) {
        texts.add(Files.readString(p));
      }
    }
    return texts;
  }

  /** The directory with package.json, node_modules/ and the dynalite launcher. */
  public Path nodeDirectory() {
    return root.resolve("infra");
  }

  /**
   * The project that holds this code: the first directory with a template.yaml above the jar (or
   * classes directory) this class was loaded from, else above the working directory. For {@code
   * infra/target/newsindex-local.jar} that is the jar directory's parent's parent.
   */
  public static Optional<ProjectLayout> find() {
    return aroundCode().or(() -> above(Path.of("").toAbsolutePath()));
  }

  /**
   * The given directory's project, or (given none) the one {@link #find()} finds, or a clear error.
   */
  public static ProjectLayout require(Path directoryOrNull) {
    if (directoryOrNull != null) {
      return new ProjectLayout(directoryOrNull);
    }
    return find()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "cannot find the project: no template.yaml above this jar or the working"
                        + " directory (pass --project-dir)"));
  }

  private static Optional<ProjectLayout> aroundCode() {
    try {
      return above(
          Path.of(ProjectLayout.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
    } catch (URISyntaxException | SecurityException | NullPointerException e) {
      return Optional.empty();
    }
  }

  private static Optional<ProjectLayout> above(Path start) {
    for (Path directory = start; directory != null; directory = directory.getParent()) {
      if (Files.isRegularFile(directory.resolve("template.yaml"))) {
        return Optional.of(new ProjectLayout(directory));
      }
    }
    return Optional.empty();
  }
}
