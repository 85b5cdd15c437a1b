package org.newsindex.deploy;

import java.nio.file.Path;
import org.newsindex.TestProject;

/**
 * Where the checks find the project's files: the template, the built jar, infra's node packages.
 */
final class Project {
  private Project() {}

  static Path dir() {
    return TestProject.dir();
  }

  static Path template() {
    return dir().resolve("template.yaml");
  }

  /** The deployable jar that {@code sam build} would package (built by the functions module). */
  static Path functionsJar() {
    return dir().resolve("functions/target/newsindex-functions.jar");
  }

  /** Where the build's {@code npm ci} installed cfn-lint (and dynalite). */
  static Path nodeModules() {
    return dir().resolve("infra/node_modules");
  }

  static Path cfnLintReportScript() {
    return dir().resolve("tests/src/test/node/cfn-lint-report.js");
  }
}
