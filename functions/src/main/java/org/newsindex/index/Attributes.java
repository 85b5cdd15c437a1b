package org.newsindex.index;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Small conversions between Java values and DynamoDB attribute values. */
public final class Attributes {
  private Attributes() {}

  public static AttributeValue s(String value) {
    return AttributeValue.builder().s(value).build();
  }

  public static AttributeValue n(long value) {
    return AttributeValue.builder().n(Long.toString(value)).build();
  }

  public static AttributeValue b(byte[] value) {
    return AttributeValue.builder().b(SdkBytes.fromByteArray(value)).build();
  }

  public static AttributeValue strings(Collection<String> values) {
    return AttributeValue.builder().l(values.stream().map(Attributes::s).toList()).build();
  }

  public static AttributeValue numbers(Collection<? extends Number> values) {
    return AttributeValue.builder().l(values.stream().map(v -> n(v.longValue())).toList()).build();
  }

  public static AttributeValue stringSet(Collection<String> values) {
    return AttributeValue.builder().ss(values).build();
  }

  public static Optional<String> string(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null || v.s() == null ? Optional.empty() : Optional.of(v.s());
  }

  public static String requiredString(Map<String, AttributeValue> item, String name) {
    return string(item, name)
        .orElseThrow(() -> new IllegalStateException("item lacks " + name + ": " + item.get("pk")));
  }

  public static Optional<Long> number(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null || v.n() == null ? Optional.empty() : Optional.of(Long.parseLong(v.n()));
  }

  public static long number(Map<String, AttributeValue> item, String name, long fallback) {
    return number(item, name).orElse(fallback);
  }

  public static byte[] bytes(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null || v.b() == null ? new byte[0] : v.b().asByteArray();
  }

  public static List<String> stringList(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    if (v == null || !v.hasL()) {
      return List.of();
    }
    List<String> out = new ArrayList<>(v.l().size());
    v.l().forEach(e -> out.add(e.s()));
    return out;
  }

  public static List<Long> numberList(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    if (v == null || !v.hasL()) {
      return List.of();
    }
    List<Long> out = new ArrayList<>(v.l().size());
    v.l().forEach(e -> out.add(Long.parseLong(e.n())));
    return out;
  }

  public static Set<String> stringSet(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null || !v.hasSs() ? Set.of() : new TreeSet<>(v.ss());
  }
}
