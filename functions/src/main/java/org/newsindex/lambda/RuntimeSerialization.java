package org.newsindex.lambda;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Optional;

/**
 * Events to and from JSON with the serializer Lambda's Java runtime uses for them
 * (aws-lambda-java-serialization, which the runtime provides and the deployable jar leaves out), so
 * that priming loads and runs the same code as a real invocation's first event.
 */
final class RuntimeSerialization<I, O> {
  private final PojoSerializer<I> in;
  private final PojoSerializer<O> out;

  private RuntimeSerialization(PojoSerializer<I> in, PojoSerializer<O> out) {
    this.in = in;
    this.out = out;
  }

  /** The runtime's serializers for the two types; empty where the runtime's library is absent. */
  static <I, O> Optional<RuntimeSerialization<I, O>> find(Class<I> input, Class<O> output) {
    ClassLoader loader = RuntimeSerialization.class.getClassLoader();
    try {
      return Optional.of(
          new RuntimeSerialization<>(
              LambdaEventSerializers.serializerFor(input, loader),
              LambdaEventSerializers.serializerFor(output, loader)));
    } catch (LinkageError e) {
      // Not on Lambda (a plain JVM or a test without the runtime): there is nothing to prime.
      return Optional.empty();
    }
  }

  I read(byte[] json) {
    return in.fromJson(new ByteArrayInputStream(json));
  }

  byte[] write(O value) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    out.toJson(value, bytes);
    return bytes.toByteArray();
  }
}
