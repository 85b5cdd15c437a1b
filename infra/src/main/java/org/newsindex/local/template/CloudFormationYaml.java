package org.newsindex.local.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a CloudFormation or SAM template written in YAML (or JSON), turning the short-form tags
 * such as {@code !Ref} and {@code !Sub} into the long form ({@code {"Ref": x}}, {@code {"Fn::Sub":
 * x}}).
 */
public final class CloudFormationYaml {
  private static final List<String> FUNCTION_TAGS =
      List.of(
          "Base64",
          "Cidr",
          "FindInMap",
          "GetAZs",
          "If",
          "ImportValue",
          "Join",
          "Select",
          "Split",
          "Sub",
          "Transform",
          "Equals",
          "Not",
          "And",
          "Or",
          "Length",
          "ToJsonString");

  private CloudFormationYaml() {}

  /** Parses template text into plain maps, lists and scalars, with intrinsics in long form. */
  public static Map<String, Object> parse(String text) {
    Object document = new Yaml(new TagConstructor()).load(text);
    if (!(document instanceof Map<?, ?> map)) {
      throw new TemplateException("the template is not a YAML mapping");
    }
    return Values.asMap(map, "template");
  }

  /** Turns each CloudFormation tag into the one-key map of its long form. */
  private static final class TagConstructor extends SafeConstructor {
    TagConstructor() {
      super(new LoaderOptions());
      yamlConstructors.put(Tag.TIMESTAMP, new ConstructYamlStr());
      yamlConstructors.put(new Tag("!Ref"), new LongForm("Ref"));
      yamlConstructors.put(new Tag("!Condition"), new LongForm("Condition"));
      yamlConstructors.put(new Tag("!GetAtt"), new GetAtt());
      for (String name : FUNCTION_TAGS) {
        yamlConstructors.put(new Tag("!" + name), new LongForm("Fn::" + name));
      }
    }

    Object constructValue(Node node) {
      if (node instanceof ScalarNode scalar) {
        return constructScalar(scalar);
      }
      if (node instanceof SequenceNode sequence) {
        return new ArrayList<>(constructSequence(sequence));
      }
      return new LinkedHashMap<>(constructMapping((MappingNode) node));
    }

    private final class LongForm extends AbstractConstruct {
      private final String key;

      LongForm(String key) {
        this.key = key;
      }

      @Override
      public Object construct(Node node) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put(key, constructValue(node));
        return result;
      }
    }

    private final class GetAtt extends AbstractConstruct {
      @Override
      public Object construct(Node node) {
        Object value = constructValue(node);
        if (value instanceof String dotted) {
          int dot = dotted.indexOf('.');
          if (dot < 0) {
            throw new TemplateException("!GetAtt needs Resource.Attribute, got '" + dotted + "'");
          }
          value = List.of(dotted.substring(0, dot), dotted.substring(dot + 1));
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("Fn::GetAtt", value);
        return result;
      }
    }
  }
}
