package org.newsindex.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsindex.local.template.CloudFormationYaml;

/**
 * template.yaml checked offline, without AWS: by cfn-lint (the npm package), which parses the
 * template, applies its SAM knowledge and reports broken references and unknown properties; and by
 * {@link TemplateReferences}, which finds broken references in every branch of every Fn::If.
 */
class TemplateLintTest {
  /**
   * What cfn-lint 1.9.7 reports about this template only because its AWS specifications date from
   * 2019: each is a feature added since, which CloudFormation and SAM accept. Every other finding
   * fails the check, and each allowance must still be needed.
   */
  private enum SpecificationGap {
    GLOBALS_ADDED_SINCE(
        "Invalid or unsupported SAM Globals property name:"
            + " (Architectures|SnapStart|LoggingConfig)"),
    HTTP_API_RESOURCE("Resource HttpApi has an invalid Type of AWS::Serverless::HttpApi\\."),
    HTTP_API_EVENTS("(ApiId|Auth) is not a valid property of AWS::Serverless::Function\\.ApiEvent"),
    FUNCTION_PROPERTIES_ADDED_SINCE(
        "(LoggingConfig|EventInvokeConfig) is not a valid property of AWS::Serverless::Function"),
    SQS_MANAGED_ENCRYPTION("SqsManagedSseEnabled is not a valid property of AWS::SQS::Queue"),
    TABLE_ON_DEMAND_CEILINGS("OnDemandThroughput is not a valid property of AWS::DynamoDB::Table");

    private final Pattern message;

    SpecificationGap(String message) {
      this.message = Pattern.compile(message);
    }

    boolean explains(CfnLint.Finding finding) {
      return message.matcher(finding.message()).matches();
    }
  }

  private static List<CfnLint.Finding> unexplained(List<CfnLint.Finding> findings) {
    return findings.stream()
        .filter(
            f ->
                java.util.Arrays.stream(SpecificationGap.values())
                    .noneMatch(gap -> gap.explains(f)))
        .toList();
  }

  private static Path brokenCopy(Path dir, String from, String to) throws IOException {
    String text = Files.readString(Project.template());
    assertTrue(text.contains(from), "the template no longer contains '" + from + "'");
    Path copy = dir.resolve("template.yaml");
    Files.writeString(copy, text.replace(from, to));
    return copy;
  }

  @Test
  void cfnLintFindsNothingButItsOwnSpecificationGaps() {
    List<CfnLint.Finding> findings = CfnLint.findings(Project.template());

    assertEquals(List.of(), unexplained(findings), "cfn-lint findings");
    for (SpecificationGap gap : SpecificationGap.values()) {
      assertTrue(
          findings.stream().anyMatch(gap::explains),
          "cfn-lint no longer reports " + gap + ": remove its allowance");
    }
  }

  @Test
  void cfnLintFailsARefToAMissingResource(@TempDir Path dir) throws IOException {
    Path broken = brokenCopy(dir, "TABLE_NAME: !Ref IndexTable", "TABLE_NAME: !Ref IndexTabel");

    List<CfnLint.Finding> unexplained = unexplained(CfnLint.findings(broken));

    assertFalse(unexplained.isEmpty());
    assertTrue(
        unexplained.stream()
            .anyMatch(
                f ->
                    f.level().equals("crit")
                        && f.message().equals("Referenced value IndexTabel does not exist")),
        unexplained.toString());
  }

  @Test
  void cfnLintFailsAPolicyNamingAMissingResource(@TempDir Path dir) throws IOException {
    Path broken =
        brokenCopy(dir, "Resource: !GetAtt QueryLogGroup.Arn", "Resource: !GetAtt QueryLogs.Arn");

    assertTrue(
        unexplained(CfnLint.findings(broken)).stream()
            .anyMatch(f -> f.level().equals("crit") && f.message().contains("QueryLogs")));
  }

  @Test
  void everyReferenceInEveryBranchNamesSomethingTheTemplateDeclares() throws IOException {
    assertEquals(
        List.of(),
        TemplateReferences.unknown(CloudFormationYaml.parse(Files.readString(Project.template()))));
  }

  @Test
  void aReferenceInABranchCfnLintSkipsIsStillCaught() throws IOException {
    // With AlarmEmail empty cfn-lint follows the NoValue branch and never sees the topic's name.
    // The suffix rule is read only when CorpusSuffix is set.
    String text = Files.readString(Project.template());
    assertTrue(text.contains("[!Ref AlarmTopic]") && text.contains("- HasCorpusSuffix\n"));
    text =
        text.replace("[!Ref AlarmTopic]", "[!Ref AlarmTopics]")
            .replace("- HasCorpusSuffix\n", "- HasCorpusSufix\n");

    List<String> unknown = TemplateReferences.unknown(CloudFormationYaml.parse(text));

    assertEquals(6, unknown.size(), unknown.toString());
    assertEquals(
        5, unknown.stream().filter(u -> u.endsWith("Ref AlarmTopics")).count(), unknown.toString());
    assertTrue(
        unknown.stream().anyMatch(u -> u.endsWith("condition HasCorpusSufix")), unknown.toString());
  }
}
