package org.newsindex.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newsindex.local.template.CloudFormationYaml;
import org.newsindex.local.template.StackIdentity;
import org.newsindex.local.template.StackReader;
import org.newsindex.local.template.StackSpec;

/**
 * template.yaml against the code it deploys: handlers and their event types, the environment each
 * handler needs, and least-privilege policies. Each check is also shown failing on a copy of the
 * template with one deliberate mistake.
 */
class TemplateMatchesCodeTest {
  private static FunctionsJar jar;

  @BeforeAll
  static void openJar() {
    jar = new FunctionsJar(Project.functionsJar());
  }

  @AfterAll
  static void closeJar() {
    jar.close();
  }

  private static String template() throws IOException {
    return Files.readString(Project.template());
  }

  private static String replaced(String text, String from, String to) {
    assertTrue(text.contains(from), "the template no longer contains '" + from + "'");
    return text.replace(from, to);
  }

  private static StackSpec stack(String text) {
    return StackReader.parse(text, Project.dir(), StackIdentity.local("newsindex"), Map.of());
  }

  @Test
  void everyHandlerExistsTakesItsEventsTypeAndGetsTheVariablesItNeeds() throws IOException {
    StackSpec stack = stack(template());

    assertEquals(List.of(), FunctionContract.violations(stack, jar));
    assertEquals(
        List.of("IngestFunction", "CompactFunction", "QueryFunction"),
        stack.functions().stream().map(f -> f.logicalId()).toList());
  }

  @Test
  void theNeededVariablesAreDerivedFromTheCode() throws IOException {
    Map<String, Set<String>> needed = new LinkedHashMap<>();
    for (var function : stack(template()).functions()) {
      needed.put(
          function.logicalId(),
          new TreeSet<>(jar.variablesRequiredBy(jar.find(function.handlerClass()).orElseThrow())));
    }

    assertEquals(
        Map.of(
            "IngestFunction",
            Set.of("BUCKET_NAME", "TABLE_NAME"),
            "CompactFunction",
            Set.of("BUCKET_NAME", "TABLE_NAME"),
            "QueryFunction",
            Set.of("CURSOR_SIGNING_KEY", "TABLE_NAME")),
        needed);
    assertTrue(
        jar.variablesSettingsRead()
            .containsAll(
                List.of(
                    "TABLE_NAME",
                    "BUCKET_NAME",
                    "CURSOR_SIGNING_KEY",
                    "DYNAMODB_ENDPOINT",
                    "S3_ENDPOINT",
                    "MAX_FILE_BYTES",
                    "MAX_ARTICLE_BYTES",
                    "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
                    "POSTING_CHUNK_BYTES",
                    "AWS_REGION")),
        jar.variablesSettingsRead().toString());
  }

  @Test
  void aHandlerThatIsNotInTheJarIsCaught() throws IOException {
    String text =
        replaced(
            template(),
            "org.newsindex.lambda.CompactionHandler::",
            "org.newsindex.lambda.Compactor::");

    assertEquals(
        List.of(
            "CompactFunction: handler class org.newsindex.lambda.Compactor is not in the deployable"
                + " jar"),
        FunctionContract.violations(stack(text), jar));
  }

  @Test
  void aHandlerForTheWrongEventsIsCaught() throws IOException {
    String text =
        replaced(
            template(),
            "org.newsindex.lambda.QueryHandler::",
            "org.newsindex.lambda.IngestHandler::");

    List<String> violations = FunctionContract.violations(stack(text), jar);

    assertTrue(
        violations.contains(
            "QueryFunction: its events deliver "
                + FunctionContract.HTTP_API_EVENT
                + " but org.newsindex.lambda.IngestHandler takes "
                + FunctionContract.S3_EVENT),
        violations.toString());
    assertTrue(
        violations.contains(
            "QueryFunction: org.newsindex.lambda.IngestHandler needs BUCKET_NAME, which the"
                + " template does not set"),
        violations.toString());
  }

  @Test
  void aMissingOrMisspeltVariableIsCaught() throws IOException {
    String text =
        replaced(
            template(),
            "CURSOR_SIGNING_KEY: !Ref CursorSigningKey",
            "CURSOR_KEY: !Ref CursorSigningKey");

    assertEquals(
        List.of(
            "QueryFunction: org.newsindex.lambda.QueryHandler needs CURSOR_SIGNING_KEY, which the"
                + " template does not set",
            "QueryFunction: the template sets CURSOR_KEY, which the code never reads"),
        FunctionContract.violations(stack(text), jar));
  }

  @Test
  void everyPolicyNamesResourcesOfTheTemplate() throws IOException {
    assertEquals(List.of(), PolicyContract.violations(CloudFormationYaml.parse(template())));
  }

  @Test
  void eachFunctionGetsOnlyTheActionsItsWorkNeeds() throws IOException {
    Map<String, Object> template = CloudFormationYaml.parse(template());
    Set<String> readIndex = Set.of("dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query");
    Set<String> writeIndex =
        Set.of(
            "dynamodb:PutItem",
            "dynamodb:UpdateItem",
            "dynamodb:DeleteItem",
            "dynamodb:BatchWriteItem");
    Set<String> logs = Set.of("logs:CreateLogStream", "logs:PutLogEvents");
    Set<String> readCorpus = Set.of("s3:GetObject", "s3:ListBucket");

    assertEquals(union(readIndex, logs), actions(template, "QueryFunction"));
    assertEquals(
        union(readIndex, writeIndex, logs, readCorpus), actions(template, "CompactFunction"));
    assertEquals(
        union(readIndex, writeIndex, logs, readCorpus, Set.of("sqs:SendMessage")),
        actions(template, "IngestFunction"));
  }

  @Test
  void aWildcardResourceOrALiteralArnIsCaught() throws IOException {
    String text = replaced(template(), "Resource: !GetAtt QueryLogGroup.Arn", "Resource: \"*\"");
    text =
        replaced(
            text,
            "Resource: !GetAtt IngestFailureQueue.Arn",
            "Resource: !Sub \"arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:*\"");

    List<String> violations = PolicyContract.violations(CloudFormationYaml.parse(text));

    assertEquals(2, violations.size(), violations.toString());
    assertTrue(
        violations
            .get(0)
            .startsWith(
                "IngestRole.Policies[0].Statement[4]: arn:aws:sqs:us-east-1:000000000000:*"
                    + " is not a resource of this template"),
        violations.toString());
    assertTrue(
        violations.get(1).startsWith("QueryRole.Policies[0].Statement[1]: names '*' literally"),
        violations.toString());
  }

  @Test
  void aFunctionBackOnSamPolicyTemplatesIsCaught() throws IOException {
    String text =
        replaced(
            template(),
            "      Role: !GetAtt QueryRole.Arn\n",
            "      Policies:\n"
                + "        - DynamoDBReadPolicy:\n"
                + "            TableName: !Ref IndexTable\n");

    assertEquals(
        List.of(
            "QueryFunction: runs under no role of this template (SAM's default role allows logs on"
                + " *)",
            "QueryFunction: Policies (SAM policy templates or managed policies) instead of its"
                + " role's statements"),
        PolicyContract.violations(CloudFormationYaml.parse(text)));
  }

  private static Set<String> actions(Map<String, Object> template, String function) {
    Set<String> actions = new TreeSet<>();
    for (Map<String, Object> statement : PolicyContract.roleStatements(template, function)) {
      Object action = statement.get("Action");
      if (action instanceof List<?> list) {
        list.forEach(a -> actions.add(String.valueOf(a)));
      } else {
        actions.add(String.valueOf(action));
      }
    }
    return actions;
  }

  @SafeVarargs
  private static Set<String> union(Set<String>... sets) {
    List<String> all = new ArrayList<>();
    for (Set<String> set : sets) {
      all.addAll(set);
    }
    return new TreeSet<>(all);
  }
}
