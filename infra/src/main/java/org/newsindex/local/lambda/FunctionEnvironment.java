package org.newsindex.local.lambda;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.newsindex.local.template.FunctionSpec;

/**
 * The environment a function is given: the template's variables, then what Lambda itself sets, then
 * the local endpoints ({@code DYNAMODB_ENDPOINT}, {@code S3_ENDPOINT}). Later entries win.
 */
public final class FunctionEnvironment {
  public static final String DYNAMODB_ENDPOINT = "DYNAMODB_ENDPOINT";
  public static final String S3_ENDPOINT = "S3_ENDPOINT";

  private FunctionEnvironment() {}

  public static Map<String, String> of(FunctionSpec function, LocalServices services) {
    Map<String, String> environment = new LinkedHashMap<>(function.environment());
    environment.put("AWS_REGION", services.region());
    environment.put("AWS_DEFAULT_REGION", services.region());
    environment.put("AWS_LAMBDA_FUNCTION_NAME", function.name());
    environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memoryMb()));
    environment.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
    environment.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + function.name());
    environment.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + function.runtime());
    environment.put("_HANDLER", function.handler());
    environment.put("AWS_ACCESS_KEY_ID", services.accessKeyId());
    environment.put("AWS_SECRET_ACCESS_KEY", services.secretAccessKey());
    environment.put(DYNAMODB_ENDPOINT, services.dynamoDbEndpoint().toString());
    environment.put(S3_ENDPOINT, services.s3Endpoint().toString());
    return Collections.unmodifiableMap(environment);
  }
}
