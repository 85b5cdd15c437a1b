package org.newsindex.local.lambda;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.newsindex.local.template.FunctionSpec;
import org.newsindex.local.template.StackSpec;

/** Every function of the stack, loaded and ready to invoke, by logical id. */
public final class DeployedFunctions implements AutoCloseable {
  private final Map<String, FunctionRuntime> functions;

  private DeployedFunctions(Map<String, FunctionRuntime> functions) {
    this.functions = functions;
  }

  /** Loads each function's handler from its code (see {@link CodeLocation}). */
  public static DeployedFunctions load(StackSpec stack, LocalServices services, InvocationLog log) {
    Map<String, FunctionRuntime> functions = new LinkedHashMap<>();
    try {
      for (FunctionSpec function : stack.functions()) {
        functions.put(
            function.logicalId(),
            FunctionRuntime.load(
                function,
                CodeLocation.jar(stack.templateDirectory(), function.codeUri()),
                FunctionEnvironment.of(function, services),
                stack.identity().arn("lambda", "function:" + function.name()),
                log));
      }
    } catch (RuntimeException e) {
      functions.values().forEach(FunctionRuntime::close);
      throw e;
    }
    return new DeployedFunctions(functions);
  }

  public Optional<FunctionRuntime> get(String logicalId) {
    return Optional.ofNullable(functions.get(logicalId));
  }

  public List<FunctionRuntime> all() {
    return List.copyOf(functions.values());
  }

  @Override
  public void close() {
    functions.values().forEach(FunctionRuntime::close);
  }
}
