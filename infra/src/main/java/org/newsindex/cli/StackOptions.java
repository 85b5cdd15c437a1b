package org.newsindex.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.newsindex.local.LocalCloudSettings;
import org.newsindex.local.template.StackIdentity;
import picocli.CommandLine.Option;

/** Options that choose which stack runs and where its state lives; shared by the subcommands. */
final class StackOptions {
  @Option(
      names = "--project-dir",
      paramLabel = "DIR",
      description =
          "The newsindex checkout (template.yaml, seeds/, functions/, infra/). Default: the one"
              + " around this jar.")
  Path projectDir;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description =
          "Keep tables, objects and failed events here so they survive a restart. Default: in"
              + " memory.")
  Path dataDir;

  @Option(
      names = "--stack-name",
      paramLabel = "NAME",
      description = "The stack name (AWS::StackName). Default: ${DEFAULT-VALUE}.")
  String stackName = StackIdentity.DEFAULT_STACK_NAME;

  @Option(
      names = "--parameter-overrides",
      paramLabel = "KEY=VALUE...",
      hideParamSyntax = true,
      arity = "1..*",
      split = "\\s+",
      description =
          "Template parameter values, as separate words or one quoted string, e.g."
              + " CursorSigningKey=... (NoEcho parameters without a default get a random local"
              + " value).")
  Map<String, String> parameterOverrides = new LinkedHashMap<>();

  /** Applies these options to cloud settings being built. */
  LocalCloudSettings.Builder applyTo(LocalCloudSettings.Builder builder) {
    if (projectDir != null) {
      builder.projectDir(projectDir);
    }
    return builder
        .dataDir(Optional.ofNullable(dataDir))
        .stackName(stackName)
        .parameterOverrides(parameterOverrides);
  }
}
