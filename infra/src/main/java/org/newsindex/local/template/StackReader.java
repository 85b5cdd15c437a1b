package org.newsindex.local.template;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads template.yaml into a {@link StackSpec}: parameters chosen, {@code Globals} merged,
 * conditions evaluated and every intrinsic resolved. Resource types the local cloud does not run
 * are skipped with a debug note.
 */
public final class StackReader {
  private static final Logger LOG = LoggerFactory.getLogger(StackReader.class);

  private StackReader() {}

  /** Reads a template file; relative {@code CodeUri} paths are taken from the file's directory. */
  public static StackSpec read(
      Path templateFile, StackIdentity identity, Map<String, String> overrides) {
    String text;
    try {
      text = Files.readString(templateFile);
    } catch (IOException e) {
      throw new TemplateException(
          "cannot read the template " + templateFile + ": " + e.getMessage(), e);
    }
    Path directory = templateFile.toAbsolutePath().getParent();
    return parse(text, directory, identity, overrides);
  }

  /** Reads template text, as {@link #read} does for a file in {@code templateDirectory}. */
  public static StackSpec parse(
      String text, Path templateDirectory, StackIdentity identity, Map<String, String> overrides) {
    Map<String, Object> root = CloudFormationYaml.parse(text);
    Map<String, Object> parameters =
        ParameterValues.choose(Values.asMap(root.get("Parameters"), "Parameters"), overrides);
    Map<String, Object> resources =
        SamGlobals.apply(
            Values.asMap(root.get("Globals"), "Globals"),
            Values.asMap(root.get("Resources"), "Resources"));
    IntrinsicResolver resolver =
        new IntrinsicResolver(
            identity,
            parameters,
            overrides,
            Values.asMap(root.get("Mappings"), "Mappings"),
            Values.asMap(root.get("Conditions"), "Conditions"),
            resources);

    List<BucketSpec> buckets = new ArrayList<>();
    List<TableSpec> tables = new ArrayList<>();
    List<FunctionSpec> functions = new ArrayList<>();
    Map<String, HttpApiSpec> apis = new LinkedHashMap<>();
    FunctionReader functionReader = new FunctionReader(resolver);
    TableReader tableReader = new TableReader(resolver);

    resources.forEach(
        (logicalId, resource) -> {
          Map<String, Object> declaration = Values.asMap(resource, "Resources." + logicalId);
          Object condition = declaration.get("Condition");
          if (condition != null && !resolver.condition(String.valueOf(condition))) {
            LOG.debug("{} is left out: its condition {} is false", logicalId, condition);
            return;
          }
          String type = String.valueOf(declaration.get("Type"));
          Map<String, Object> properties =
              Values.asMap(declaration.get("Properties"), logicalId + ".Properties");
          switch (type) {
            case "AWS::S3::Bucket" ->
                buckets.add(new BucketSpec(logicalId, (String) resolver.ref(logicalId)));
            case "AWS::DynamoDB::Table" -> tables.add(tableReader.table(logicalId, properties));
            case "AWS::Serverless::SimpleTable" ->
                tables.add(tableReader.simpleTable(logicalId, properties));
            case "AWS::Serverless::Function" ->
                functions.add(functionReader.function(logicalId, properties));
            case "AWS::Serverless::HttpApi" ->
                apis.put(logicalId, httpApi(resolver, logicalId, properties));
            default -> LOG.debug("{} ({}) is not run locally", logicalId, type);
          }
        });

    for (FunctionSpec function : functions) {
      for (HttpRouteSpec route : function.httpRoutes()) {
        apis.computeIfAbsent(
            route.apiLogicalId(),
            id -> new HttpApiSpec(id, (String) resolver.ref(id), HttpApiSpec.DEFAULT_STAGE));
      }
    }
    return new StackSpec(
        identity, templateDirectory, buckets, tables, functions, List.copyOf(apis.values()));
  }

  private static HttpApiSpec httpApi(
      IntrinsicResolver resolver, String logicalId, Map<String, Object> properties) {
    Object stage = properties.get("StageName");
    String stageName =
        stage == null
            ? HttpApiSpec.DEFAULT_STAGE
            : resolver.resolveString(stage, logicalId + ".StageName");
    return new HttpApiSpec(logicalId, (String) resolver.ref(logicalId), stageName);
  }
}
