package dev.taskapi.local.template;

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
 * Parses CloudFormation YAML. The short-form intrinsic tags ({@code !Ref}, {@code !Sub}, ...) are turned
 * into their long forms ({@code {Ref: x}}, {@code {Fn::Sub: ...}}) so that {@link Intrinsics} has one
 * shape to resolve, whichever form the template author chose.
 */
final class CfnYaml {
  // Every short form CloudFormation defines, also of functions Intrinsics does not resolve: those are read into
  // their long form so that the load fails naming the function, not on an unknown YAML tag.
  private static final List<String> FN_TAGS =
      List.of(
          "Sub", "GetAtt", "If", "Equals", "Join", "Select", "Not", "And", "Or", "FindInMap", "Split",
          "Base64", "GetAZs", "ImportValue", "Cidr", "Transform", "Length", "ToJsonString");

  private CfnYaml() {}

  static Map<String, Object> parse(String yamlText) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    Object root = new Yaml(new IntrinsicConstructor(options)).load(yamlText);
    if (!(root instanceof Map<?, ?> map)) {
      throw new TemplateException("The template is not a YAML mapping");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> result = (Map<String, Object>) map;
    return result;
  }

  private static final class IntrinsicConstructor extends SafeConstructor {
    IntrinsicConstructor(LoaderOptions options) {
      super(options);
      yamlConstructors.put(new Tag("!Ref"), new LongForm("Ref"));
      yamlConstructors.put(new Tag("!Condition"), new LongForm("Condition"));
      for (String fn : FN_TAGS) {
        yamlConstructors.put(new Tag("!" + fn), new LongForm("Fn::" + fn));
      }
    }

    private final class LongForm extends AbstractConstruct {
      private final String key;

      LongForm(String key) {
        this.key = key;
      }

      @Override
      public Object construct(Node node) {
        Object value =
            switch (node) {
              case ScalarNode scalar -> constructScalar(scalar);
              case SequenceNode sequence -> new ArrayList<>(constructSequence(sequence));
              case MappingNode mapping -> new LinkedHashMap<>(constructMapping(mapping));
              default -> throw new TemplateException("Unsupported node for " + key);
            };
        if (key.equals("Fn::GetAtt") && value instanceof String dotted) {
          int dot = dotted.indexOf('.');
          if (dot < 0) {
            throw new TemplateException("!GetAtt needs Resource.Attribute: " + dotted);
          }
          value = List.of(dotted.substring(0, dot), dotted.substring(dot + 1));
        }
        Map<String, Object> longForm = new LinkedHashMap<>();
        longForm.put(key, value);
        return longForm;
      }
    }
  }
}
