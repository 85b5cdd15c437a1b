package org.newsindex.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newsindex.config.Settings;
import org.newsindex.local.dynamodb.DynaliteProcess;
import org.newsindex.local.template.CloudFormationYaml;
import org.newsindex.local.template.StackIdentity;
import org.newsindex.local.template.StackReader;
import org.newsindex.local.template.StackSpec;
import org.newsindex.search.SearchBudget;

/**
 * template.yaml against the code it deploys: runtimes and JVM flags, handlers and their event
 * types, the environment each handler needs, alarms on the code's own metrics, the limits
 * parameters set, and least-privilege policies. Each check is also shown failing on a copy of the
 * template with one deliberate mistake.
 */
class TemplateMatchesCodeTest {
  private static FunctionsJar jar;
  private static List<MetricContract.Published> publishedOnAServerError;

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

  /**
   * What the query handler publishes when it answers with a server error: it is started from the
   * template's environment against a real DynamoDB (dynalite) that lacks the index table, and asked
   * to search.
   */
  private static List<MetricContract.Published> publishedOnAServerError() throws IOException {
    if (publishedOnAServerError == null) {
      var query = stack(template()).function("QueryFunction").orElseThrow();
      try (DynaliteProcess dynamoDb =
          DynaliteProcess.start(Project.dir().resolve("infra"), 0, Optional.empty())) {
        Map<String, String> environment = new LinkedHashMap<>(query.environment());
        environment.put("DYNAMODB_ENDPOINT", dynamoDb.endpoint().toString());
        environment.put("AWS_ACCESS_KEY_ID", "local");
        environment.put("AWS_SECRET_ACCESS_KEY", "localsecret");
        environment.put("AWS_REGION", "us-east-1");
        FunctionsJar.Exchange exchange =
            jar.handleHttpRequest(
                jar.find(query.handlerClass()).orElseThrow(), environment, "/search", "q=istanbul");
        assertTrue(exchange.status() >= 500, "status " + exchange.status());
        publishedOnAServerError =
            exchange.logLines().stream()
                .flatMap(l -> MetricContract.published(l).stream())
                .toList();
      }
    }
    return publishedOnAServerError;
  }

  /** The properties of a resource with every intrinsic resolved for these parameter values. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> resolvedProperties(
      String text, String resource, Map<String, String> parameters) {
    Map<String, Object> template = CloudFormationYaml.parse(text);
    Map<?, ?> declaration = (Map<?, ?>) ((Map<?, ?>) template.get("Resources")).get(resource);
    return (Map<String, Object>)
        PolicyContract.resolver(template, parameters).resolve(declaration.get("Properties"));
  }

  @Test
  void everyHandlerExistsTakesItsEventsTypeAndGetsTheVariablesItNeeds() throws IOException {
    StackSpec stack = stack(template());

    assertEquals(List.of(), FunctionContract.violations(stack, jar));
    assertEquals(
        List.of("IngestFunction", "CompactFunction", "ReindexFunction", "QueryFunction"),
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
            "ReindexFunction",
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
  void aRuntimeOlderThanTheJarsBytecodeIsCaught() throws IOException {
    String text = replaced(template(), "Runtime: java25", "Runtime: java11");

    List<String> violations = FunctionContract.violations(stack(text), jar);

    assertEquals(4, violations.size(), violations.toString());
    for (String violation : violations) {
      assertTrue(
          violation.matches("\\w+Function: runtime java11 cannot load \\S+, compiled for Java 17"),
          violation);
    }
  }

  @Test
  void snapStartFunctionsKeepTheRuntimesTieredCompilation() throws IOException {
    String text = template();

    assertEquals(
        List.of(), FunctionContract.jvmFlagViolations(CloudFormationYaml.parse(text), stack(text)));
  }

  @Test
  void aC1OnlyFlagUnderSnapStartIsCaught() throws IOException {
    String text =
        replaced(
            template(),
            "        TABLE_NAME: !Ref IndexTable\n",
            "        TABLE_NAME: !Ref IndexTable\n"
                + "        JAVA_TOOL_OPTIONS: \"-XX:+TieredCompilation"
                + " -XX:TieredStopAtLevel=1\"\n");

    List<String> violations =
        FunctionContract.jvmFlagViolations(CloudFormationYaml.parse(text), stack(text));

    assertEquals(
        List.of("IngestFunction", "CompactFunction", "ReindexFunction", "QueryFunction"),
        violations.stream().map(v -> v.substring(0, v.indexOf(':'))).toList(),
        violations.toString());
    assertTrue(violations.get(0).contains("TieredStopAtLevel=1"), violations.toString());
  }

  @Test
  void theServerErrorsAlarmWatchesWhatTheQueryHandlerPublishesOnAServerError() throws IOException {
    Map<String, Object> template = CloudFormationYaml.parse(template());

    assertEquals(List.of("QueryServerErrorsAlarm"), MetricContract.customMetricAlarms(template));
    assertEquals(List.of(), MetricContract.violations(template, publishedOnAServerError()));
  }

  @Test
  void aServerErrorsAlarmThatDriftedFromTheCodeIsCaught() throws IOException {
    String alarm = "      Namespace: newsindex\n      MetricName: ServerErrors\n";
    String dimension = "        - Name: Function\n          Value: query\n";
    String wrongMetric =
        replaced(template(), alarm, alarm.replace("ServerErrors", "ServerErrorCount"));
    String wrongDimension =
        replaced(template(), dimension, dimension.replace("query", "QueryFunction"));
    String wrongNamespace = replaced(template(), alarm, alarm.replace("newsindex", "NewsIndex"));

    List<String> violations = new ArrayList<>();
    for (String text : List.of(wrongMetric, wrongDimension, wrongNamespace)) {
      violations.addAll(
          MetricContract.violations(CloudFormationYaml.parse(text), publishedOnAServerError()));
    }

    assertEquals(3, violations.size(), violations.toString());
    assertTrue(
        violations
            .get(0)
            .startsWith(
                "QueryServerErrorsAlarm: the code publishes no metric ServerErrorCount in"
                    + " newsindex (it publishes ["),
        violations.toString());
    assertEquals(
        "QueryServerErrorsAlarm: watches ServerErrors with dimensions {Function=QueryFunction},"
            + " but the code publishes it with [{Function=query}]",
        violations.get(1));
    assertEquals(
        "QueryServerErrorsAlarm: the code publishes nothing in namespace NewsIndex (it publishes"
            + " in [newsindex])",
        violations.get(2));
  }

  @Test
  void theLimitParametersReachTheirResourcesOnlyWhenSet() throws IOException {
    String text = template();
    Map<String, String> limits =
        Map.of("QueryConcurrency", "20", "IngestConcurrency", "50", "MaxReadRequestUnits", "500");

    // Parameter values are strings until CloudFormation converts them for the property.
    assertEquals(
        "20",
        resolvedProperties(text, "QueryFunction", limits).get("ReservedConcurrentExecutions"));
    assertEquals(
        "50",
        resolvedProperties(text, "IngestFunction", limits).get("ReservedConcurrentExecutions"));
    assertEquals(
        Map.of("MaxReadRequestUnits", "500"),
        resolvedProperties(text, "IndexTable", limits).get("OnDemandThroughput"));
    assertEquals(
        Map.of("MaxWriteRequestUnits", "100"),
        resolvedProperties(text, "IndexTable", Map.of("MaxWriteRequestUnits", "100"))
            .get("OnDemandThroughput"));
    for (String resource : List.of("QueryFunction", "IngestFunction", "IndexTable")) {
      Map<String, Object> defaults = resolvedProperties(text, resource, Map.of());
      assertFalse(defaults.containsKey("ReservedConcurrentExecutions"), resource);
      assertFalse(defaults.containsKey("OnDemandThroughput"), resource);
    }
  }

  @Test
  void theSearchBudgetParametersReachTheQueryFunctionWithTheCodesDefaults() throws IOException {
    String text = template();
    Map<String, String> byDefault =
        stack(text).function("QueryFunction").orElseThrow().environment();
    Map<String, String> narrowed =
        StackReader.parse(
                text,
                Project.dir(),
                StackIdentity.local("newsindex"),
                Map.of("SearchBudgetItems", "200", "SearchBudgetReadUnits", "80"))
            .function("QueryFunction")
            .orElseThrow()
            .environment();

    assertEquals(
        String.valueOf(SearchBudget.DEFAULT.items()), byDefault.get("SEARCH_BUDGET_ITEMS"));
    assertEquals(
        String.valueOf((long) SearchBudget.DEFAULT.readUnits()),
        byDefault.get("SEARCH_BUDGET_READ_UNITS"));
    assertEquals(SearchBudget.DEFAULT, Settings.from(byDefault).searchBudget());
    assertEquals(new SearchBudget(200, 80), Settings.from(narrowed).searchBudget());
    assertTrue(
        jar.variablesSettingsRead()
            .containsAll(List.of("SEARCH_BUDGET_ITEMS", "SEARCH_BUDGET_READ_UNITS")),
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
