package dev.taskapi.local.lambda;

import dev.taskapi.local.template.FunctionDef;
import dev.taskapi.local.template.SamTemplate;
import dev.taskapi.local.template.TemplateException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The local Lambda service: every function of the template, ready to be invoked by logical id. */
public final class LambdaFunctions implements AutoCloseable {
  private final Map<String, LambdaFunction> functions = new LinkedHashMap<>();
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

  public LambdaFunctions(SamTemplate template, LambdaEnvironment environment) {
    this(template, environment, LambdaLimits.AWS);
  }

  public LambdaFunctions(SamTemplate template, LambdaEnvironment environment, LambdaLimits limits) {
    for (FunctionDef definition : template.functions().values()) {
      functions.put(definition.logicalId(), new LambdaFunction(
          definition, environment.forFunction(definition), environment.region(), limits, executor));
    }
  }

  public LambdaFunction get(String logicalId) {
    LambdaFunction function = functions.get(logicalId);
    if (function == null) {
      throw new TemplateException("No function " + logicalId + "; the template has " + functions.keySet());
    }
    return function;
  }

  /** Every function, in template order. */
  public Collection<LambdaFunction> all() {
    return functions.values();
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
