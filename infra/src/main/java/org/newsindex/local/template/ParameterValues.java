package org.newsindex.local.template;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses each template parameter's value: an override, else the default, else (for a {@code
 * NoEcho} secret) a random value so the template runs locally without one.
 */
final class ParameterValues {
  private static final Logger LOG = LoggerFactory.getLogger(ParameterValues.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private ParameterValues() {}

  /** Values by parameter name: a String, or a List of strings for list-typed parameters. */
  static Map<String, Object> choose(Map<String, Object> declared, Map<String, String> overrides) {
    for (String name : overrides.keySet()) {
      if (!declared.containsKey(name)) {
        LOG.warn("parameter override {} names no parameter of the template", name);
      }
    }
    Map<String, Object> values = new LinkedHashMap<>();
    declared.forEach(
        (name, declaration) -> {
          Map<String, Object> properties = Values.asMap(declaration, "Parameters." + name);
          String type = String.valueOf(properties.getOrDefault("Type", "String"));
          String value = overrides.get(name);
          if (value == null && properties.containsKey("Default")) {
            value = Values.asString(properties.get("Default"), "Parameters." + name + ".Default");
          }
          if (value == null && Boolean.parseBoolean(String.valueOf(properties.get("NoEcho")))) {
            value = randomSecret();
            LOG.debug("parameter {} is NoEcho with no default: using a random local value", name);
          }
          if (value == null) {
            throw new TemplateException(
                "parameter "
                    + name
                    + " has no default: pass it with --parameter-overrides "
                    + name
                    + "=VALUE");
          }
          values.put(name, isList(type) ? List.of(value.split(",", -1)) : value);
        });
    return values;
  }

  private static boolean isList(String type) {
    return type.equals("CommaDelimitedList") || type.startsWith("List<");
  }

  private static String randomSecret() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
