package dev.nudge.model.twotower;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;

/**
 * One tower: its input groups, concatenated, then an MLP whose last layer (linear, to the shared
 * output_dim) is added by {@link TwoTowerConfig}.
 *
 * @param inputs the input groups, at least one
 * @param hidden widths of the hidden layers, in order (empty: a single linear read-out)
 * @param activation the hidden layers' non-linearity
 * @param dropout dropout rate on hidden activations while training (and for Monte-Carlo samples)
 */
public record TowerConfig(
    List<InputGroup> inputs, List<Integer> hidden, Activation activation, Double dropout) {

  /** Hidden-layer non-linearities. */
  public enum Activation {
    RELU,
    GELU;

    @JsonCreator
    static Activation parse(String text) {
      for (Activation a : values()) {
        if (a.name().equalsIgnoreCase(text)) {
          return a;
        }
      }
      throw new IllegalArgumentException("activation must be relu or gelu, got '" + text + "'");
    }

    @JsonValue
    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public TowerConfig {
    if (inputs == null || inputs.isEmpty()) {
      throw new IllegalArgumentException("inputs must list at least one input group");
    }
    inputs = List.copyOf(inputs);
    hidden = List.copyOf(hidden == null ? List.of(128) : hidden);
    for (int h : hidden) {
      if (h < 1 || h > 16384) {
        throw new IllegalArgumentException("hidden sizes must be in [1, 16384], got " + hidden);
      }
    }
    activation = activation == null ? Activation.RELU : activation;
    dropout = dropout == null ? Double.valueOf(0.0) : dropout;
    if (!(dropout >= 0 && dropout < 1)) {
      throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
    }
    long histories = inputs.stream().filter(g -> g.kind() == InputGroup.Kind.HISTORY).count();
    if (histories > 1) {
      throw new IllegalArgumentException("inputs may hold at most one history group");
    }
  }

  /** Width of the concatenated input groups. */
  int inputWidth() {
    return inputs.stream().mapToInt(InputGroup::dim).sum();
  }
}
