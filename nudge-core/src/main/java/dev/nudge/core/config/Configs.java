package dev.nudge.core.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.nudge.core.InputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads and writes configuration records as YAML, strictly.
 *
 * <p>Records are the schema: a missing key takes the record's default (a record declares its
 * defaults by accepting {@code null} in its compact constructor and substituting a {@code
 * DEFAULT_*} constant); an unknown key, a value of the wrong type or a value the compact
 * constructor rejects fails with an {@link InputException} naming the key path ({@code
 * world.noise}) and the line. Thread-safe.
 */
public final class Configs {

  private static final ObjectMapper YAML =
      YAMLMapper.builder(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER))
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
          .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
          // Otherwise "users: 2.5" silently binds as 2.
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
          .build();

  /** "line 3, column 5" in a YAML parser's message; the last one is where the problem is. */
  private static final Pattern YAML_LINE = Pattern.compile("line (\\d+), column \\d+");

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private Configs() {}

  /** The YAML mapper, configured strictly. Share it rather than building another. */
  public static ObjectMapper yaml() {
    return YAML;
  }

  /** Reads a whole file as one record. */
  public static <T> T read(Path file, Class<T> type) {
    return bind(readTree(file), "", type, file);
  }

  /** Parses YAML text as one record (tests, embedded defaults). */
  public static <T> T parse(String yaml, Class<T> type) {
    try {
      return bind(YAML.readTree(yaml), "", type, null);
    } catch (JsonProcessingException e) {
      long line = problemLine(e);
      throw InputException.forField(
          null,
          0,
          "(document)",
          (line > 0 ? "not valid YAML at line " + line + ": " : "not valid YAML: ")
              + e.getOriginalMessage());
    }
  }

  /**
   * Reads a file whose top level holds sections ({@code world:}, {@code train:}, ...). Every
   * top-level key must be in {@code knownSections}; the tree is returned for {@link #section}.
   */
  public static ObjectNode readSections(Path file, Set<String> knownSections) {
    JsonNode tree = readTree(file);
    if (tree == null || tree.isMissingNode() || tree.isNull()) {
      return JSON.createObjectNode();
    }
    if (!tree.isObject()) {
      throw InputException.forField(file, 1, "(document)", "expected a mapping of sections");
    }
    for (Iterator<String> it = tree.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!knownSections.contains(key)) {
        throw InputException.forField(
            file, 0, key, "unknown section; known sections are " + new TreeSet<>(knownSections));
      }
    }
    return (ObjectNode) tree;
  }

  /** Binds one section of a sectioned tree; a missing section gives the record's defaults. */
  public static <T> T section(ObjectNode root, String name, Class<T> type, Path file) {
    JsonNode node = root.get(name);
    if (node == null || node.isNull()) {
      node = JSON.createObjectNode();
    }
    return bind(node, name, type, file);
  }

  /** Writes a record as YAML text (for {@code config defaults} and run folders). */
  public static String toYaml(Object config) {
    try {
      return YAML.writeValueAsString(config);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write config " + config, e);
    }
  }

  private static JsonNode readTree(Path file) {
    try {
      String text = Files.readString(file);
      JsonNode tree = YAML.readTree(text);
      return tree == null ? JSON.missingNode() : tree;
    } catch (NoSuchFileException e) {
      throw InputException.inFile(file, "config file not found");
    } catch (JsonProcessingException e) {
      throw InputException.atLine(
          file, problemLine(e), "not valid YAML: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read config " + file, e);
    }
  }

  private static <T> T bind(JsonNode node, String prefix, Class<T> type, Path file) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      node = JSON.createObjectNode();
    }
    try {
      return YAML.treeToValue(node, type);
    } catch (JsonMappingException e) {
      throw translate(e, prefix, file);
    } catch (JsonProcessingException e) {
      throw InputException.forField(file, 0, prefix, e.getOriginalMessage());
    } catch (IllegalArgumentException e) {
      throw InputException.forField(file, 0, prefix.isEmpty() ? "(document)" : prefix, reason(e));
    }
  }

  private static InputException translate(JsonMappingException e, String prefix, Path file) {
    String path =
        e.getPath().stream()
            .map(
                ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
            .collect(Collectors.joining("."))
            .replace(".[", "[");
    String key = prefix.isEmpty() ? path : path.isEmpty() ? prefix : prefix + "." + path;
    if (key.isEmpty()) {
      key = "(document)";
    }
    String reason;
    if (e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException u) {
      reason = "unknown key; known keys here are " + new TreeSet<>(knownKeys(u));
    } else if (e instanceof ValueInstantiationException v) {
      reason = reason(e.getCause() != null ? e.getCause() : e);
      String component = rejectedComponent(v, reason);
      if (component != null) {
        key = key.equals("(document)") ? component : key + "." + component;
      }
    } else {
      reason =
          e.getOriginalMessage()
              .replaceAll("\\s*\\(for .*\\)$", "")
              .replaceAll("\n.*", "")
              .replaceAll("\\s*\\((but|although) [^)]*\\)", "");
    }
    return InputException.forField(file, 0, key, reason);
  }

  /**
   * The record component a compact constructor rejected, when its message starts with the
   * component's name ("noise must be in [0, 1], got 2.0"), as Nudge's records' messages do; Jackson
   * only knows that constructing the record failed, not which value caused it.
   */
  private static String rejectedComponent(ValueInstantiationException e, String reason) {
    Class<?> type = e.getType() == null ? null : e.getType().getRawClass();
    if (type == null || !type.isRecord()) {
      return null;
    }
    for (RecordComponent c : type.getRecordComponents()) {
      String name = c.getName();
      if (reason.startsWith(name)
          && (reason.length() == name.length()
              || !Character.isJavaIdentifierPart(reason.charAt(name.length())))) {
        return name;
      }
    }
    return null;
  }

  /**
   * The 1-based line of a YAML syntax error: SnakeYAML's message ends with the problem's "line N,
   * column M" (after the line where the enclosing construct started), which is more precise than
   * the parser's current location; 0 when unknown.
   */
  private static long problemLine(JsonProcessingException e) {
    Matcher m = YAML_LINE.matcher(String.valueOf(e.getOriginalMessage()));
    long line = 0;
    while (m.find()) {
      line = Long.parseLong(m.group(1));
    }
    if (line > 0) {
      return line;
    }
    JsonLocation at = e.getLocation();
    return at == null ? 0 : Math.max(0, at.getLineNr());
  }

  private static Set<String> knownKeys(
      com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException u) {
    Set<String> known = new TreeSet<>();
    if (u.getKnownPropertyIds() != null) {
      u.getKnownPropertyIds().forEach(k -> known.add(String.valueOf(k)));
    }
    return known;
  }

  private static String reason(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.toString() : root.getMessage();
  }
}
