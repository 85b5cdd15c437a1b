package org.newsindex.local.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.newsindex.local.ProjectLayout;

class StackReaderTest {
  private static Path projectTemplate() {
    return ProjectLayout.find().orElseThrow().template();
  }

  private static StackSpec projectStack(Map<String, String> overrides) {
    return StackReader.read(projectTemplate(), StackIdentity.local("newsindex"), overrides);
  }

  @Test
  void projectTemplateDeclaresTheCorpusBucketAndIndexTable() {
    StackSpec stack = projectStack(Map.of());

    assertEquals(
        List.of(new BucketSpec("CorpusBucket", "newsindex-corpus-000000000000-us-east-1")),
        stack.buckets());
    TableSpec table = stack.tables().get(0);
    assertEquals("newsindex-IndexTable", table.name());
    assertEquals("PAY_PER_REQUEST", table.billingMode());
    assertEquals(new TableSpec.Key("pk", "HASH"), table.keySchema().get(0));
  }

  @Test
  void functionsGetGlobalsMergedWithTheirOwnValuesWinning() {
    FunctionSpec ingest = projectStack(Map.of()).function("IngestFunction").orElseThrow();

    assertEquals(120, ingest.timeoutSeconds());
    assertEquals(1769, ingest.memoryMb());
    assertEquals(2, ingest.maximumRetryAttempts());
    assertEquals("org.newsindex.lambda.IngestHandler", ingest.handlerClass());
    assertEquals("handleRequest", ingest.handlerMethod());
    assertEquals("newsindex-IndexTable", ingest.environment().get("TABLE_NAME"));
    assertEquals(
        "newsindex-corpus-000000000000-us-east-1", ingest.environment().get("BUCKET_NAME"));
    assertTrue(ingest.environment().containsKey("DYNAMODB_ENDPOINT"));
  }

  @Test
  void parameterOverridesReachTheFunctions() {
    StackSpec stack =
        projectStack(Map.of("QueryMemory", "512", "CursorSigningKey", "k".repeat(32)));

    FunctionSpec query = stack.function("QueryFunction").orElseThrow();
    assertEquals(512, query.memoryMb());
    assertEquals(10, query.timeoutSeconds());
    assertEquals("k".repeat(32), query.environment().get("CURSOR_SIGNING_KEY"));
  }

  @Test
  void noEchoParameterWithoutDefaultGetsARandomSecret() {
    String key =
        projectStack(Map.of())
            .function("QueryFunction")
            .orElseThrow()
            .environment()
            .get("CURSOR_SIGNING_KEY");

    assertTrue(key.matches("[0-9a-f]{64}"), key);
  }

  @Test
  void s3AndHttpApiEventsAreRead() {
    StackSpec stack = projectStack(Map.of());

    S3EventSpec corpus = stack.s3Events().get(0);
    assertEquals("CorpusChanged", corpus.eventLogicalId());
    assertEquals(List.of("s3:ObjectCreated:*", "s3:ObjectRemoved:*"), corpus.events());
    assertEquals(
        List.of(
            "GET /search",
            "GET /documents/{id}",
            "GET /sources",
            "GET /sources/{key+}",
            "GET /suggest",
            "GET /health",
            "OPTIONS /{proxy+}",
            "$default"),
        stack.httpRoutes().stream().map(HttpRouteSpec::routeKey).toList());
    assertEquals("$default", stack.httpApi("HttpApi").orElseThrow().stageName());
  }

  @Test
  void corpusPrefixAndSuffixParametersFilterTheS3Event() {
    S3EventSpec everything = projectStack(Map.of()).s3Events().get(0);
    S3EventSpec prefixed = projectStack(Map.of("CorpusPrefix", "corpus/")).s3Events().get(0);
    S3EventSpec both =
        projectStack(Map.of("CorpusPrefix", "corpus/", "CorpusSuffix", ".txt")).s3Events().get(0);

    assertEquals(List.of("", ""), List.of(everything.prefix(), everything.suffix()));
    assertEquals(List.of("corpus/", ""), List.of(prefixed.prefix(), prefixed.suffix()));
    assertEquals(List.of("corpus/", ".txt"), List.of(both.prefix(), both.suffix()));
  }

  @Test
  void parameterWithoutDefaultOrOverrideIsAnError() {
    String template = "Parameters:\n  Needed:\n    Type: String\nResources: {}\n";

    TemplateException error =
        assertThrows(
            TemplateException.class,
            () -> StackReader.parse(template, Path.of("."), StackIdentity.local("s"), Map.of()));
    assertTrue(error.getMessage().contains("--parameter-overrides Needed="));
  }

  @Test
  void implicitApiAndUnknownResourceTypesAreHandled() {
    String template =
        """
        Resources:
          Alarm:
            Type: AWS::CloudWatch::Alarm
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: code.jar
              Handler: a.B
              Events:
                Api:
                  Type: HttpApi
                  Properties: { Path: /x, Method: any }
                Nightly:
                  Type: Schedule
                  Properties: { Schedule: rate(1 day) }
        """;

    StackSpec stack = StackReader.parse(template, Path.of("."), StackIdentity.local("s"), Map.of());

    assertEquals("ANY /x", stack.httpRoutes().get(0).routeKey());
    assertEquals(HttpApiSpec.IMPLICIT_API, stack.httpApis().get(0).logicalId());
    assertEquals(3, stack.functions().get(0).timeoutSeconds());
    assertEquals("handleRequest", stack.functions().get(0).handlerMethod());
  }

  @Test
  void httpApiEventsCarryTheirIntegrationTimeoutWithinWhatAnHttpApiAllows() {
    String template =
        """
        Resources:
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: code.jar
              Handler: a.B
              Events:
                Quick:
                  Type: HttpApi
                  Properties: { Path: /quick, Method: get, TimeoutInMillis: 2500 }
                Plain:
                  Type: HttpApi
                  Properties: { Path: /plain, Method: get }
        """;

    StackSpec stack = StackReader.parse(template, Path.of("."), StackIdentity.local("s"), Map.of());

    assertEquals(2500, stack.httpRoutes().get(0).integrationTimeoutMillis());
    assertEquals(30_000, stack.httpRoutes().get(1).integrationTimeoutMillis());
    TemplateException tooLong =
        assertThrows(
            TemplateException.class,
            () ->
                StackReader.parse(
                    template.replace("2500", "30001"),
                    Path.of("."),
                    StackIdentity.local("s"),
                    Map.of()));
    assertTrue(tooLong.getMessage().contains("TimeoutInMillis"), tooLong.getMessage());
  }

  @Test
  void scheduleAndScheduleV2EventsAreRead() {
    String template =
        """
        Parameters:
          SweepRate: { Type: String, Default: rate(5 minutes) }
        Resources:
          Compact:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: code.jar
              Handler: a.B
              Events:
                Sweep:
                  Type: Schedule
                  Properties: { Schedule: !Ref SweepRate }
                Full:
                  Type: Schedule
                  Properties:
                    Schedule: cron(0 3 * * ? *)
                    Name: full-sweep
                    Enabled: false
                    Input: '{"mode": "full"}'
                Later:
                  Type: ScheduleV2
                  Properties: { ScheduleExpression: rate(1 hour), State: DISABLED }
        """;

    List<ScheduleSpec> schedules =
        StackReader.parse(template, Path.of("."), StackIdentity.local("s"), Map.of()).schedules();

    assertEquals(
        List.of(
            new ScheduleSpec(
                "Compact",
                "Sweep",
                ScheduleSpec.Kind.RULE,
                ScheduleExpression.parse("rate(5 minutes)"),
                true,
                "s-CompactSweep",
                Optional.empty()),
            new ScheduleSpec(
                "Compact",
                "Full",
                ScheduleSpec.Kind.RULE,
                ScheduleExpression.parse("cron(0 3 * * ? *)"),
                false,
                "full-sweep",
                Optional.of("{\"mode\": \"full\"}")),
            new ScheduleSpec(
                "Compact",
                "Later",
                ScheduleSpec.Kind.SCHEDULER,
                ScheduleExpression.parse("rate(1 hour)"),
                false,
                "s-CompactLater",
                Optional.empty())),
        schedules);
  }

  @Test
  void scheduleInputMustBeJsonAndRateMustBeValid() {
    String template =
        """
        Resources:
          Compact:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: code.jar
              Handler: a.B
              Events:
                Sweep:
                  Type: Schedule
                  Properties: { Schedule: %s, Input: '%s' }
        """;

    TemplateException badInput =
        assertThrows(
            TemplateException.class,
            () ->
                StackReader.parse(
                    template.formatted("rate(1 minute)", "{mode: full}"),
                    Path.of("."),
                    StackIdentity.local("s"),
                    Map.of()));
    TemplateException badRate =
        assertThrows(
            TemplateException.class,
            () ->
                StackReader.parse(
                    template.formatted("rate(1 minutes)", "{}"),
                    Path.of("."),
                    StackIdentity.local("s"),
                    Map.of()));

    assertTrue(badInput.getMessage().startsWith("Compact.Events.Sweep.Input must be JSON"));
    assertTrue(badRate.getMessage().startsWith("Compact.Events.Sweep.Schedule: 'rate(1 minutes)'"));
  }
}
