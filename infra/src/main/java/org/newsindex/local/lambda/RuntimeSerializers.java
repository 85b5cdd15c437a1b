package org.newsindex.local.lambda;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The serializers Lambda's Java runtime uses for a function: the event library's own for the event
 * classes it supports (S3Event, SQSEvent, ...), plain Jackson for every other type.
 */
final class RuntimeSerializers {
  private final ClassLoader functionLoader;
  private final Map<Type, PojoSerializer<Object>> serializers = new ConcurrentHashMap<>();

  RuntimeSerializers(ClassLoader functionLoader) {
    this.functionLoader = functionLoader;
  }

  @SuppressWarnings("unchecked")
  PojoSerializer<Object> forType(Type type) {
    return serializers.computeIfAbsent(
        type,
        t -> {
          if (t instanceof Class<?> c
              && LambdaEventSerializers.isLambdaSupportedEvent(c.getName())) {
            return LambdaEventSerializers.serializerFor((Class<Object>) c, functionLoader);
          }
          return JacksonFactory.getInstance().getSerializer(t);
        });
  }
}
