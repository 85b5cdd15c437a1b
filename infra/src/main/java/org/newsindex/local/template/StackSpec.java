package org.newsindex.local.template;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What the local cloud runs: the resources of one template with every value resolved. The template
 * directory is the base for relative {@code CodeUri} paths, as in SAM.
 */
public record StackSpec(
    StackIdentity identity,
    Path templateDirectory,
    List<BucketSpec> buckets,
    List<TableSpec> tables,
    List<FunctionSpec> functions,
    List<HttpApiSpec> httpApis) {

  public StackSpec {
    buckets = List.copyOf(buckets);
    tables = List.copyOf(tables);
    functions = List.copyOf(functions);
    httpApis = List.copyOf(httpApis);
  }

  public Optional<FunctionSpec> function(String logicalId) {
    return functions.stream().filter(f -> f.logicalId().equals(logicalId)).findFirst();
  }

  public List<S3EventSpec> s3Events() {
    return functions.stream().flatMap(f -> f.s3Events().stream()).toList();
  }

  public List<HttpRouteSpec> httpRoutes() {
    return functions.stream().flatMap(f -> f.httpRoutes().stream()).toList();
  }

  public List<ScheduleSpec> schedules() {
    return functions.stream().flatMap(f -> f.schedules().stream()).toList();
  }

  public Optional<HttpApiSpec> httpApi(String logicalId) {
    return httpApis.stream().filter(a -> a.logicalId().equals(logicalId)).findFirst();
  }
}
