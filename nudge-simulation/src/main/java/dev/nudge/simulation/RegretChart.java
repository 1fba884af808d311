package dev.nudge.simulation;

import dev.nudge.core.InputException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.ChartEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws the cumulative-regret curves of several simulation runs on one chart, the picture that says
 * at a glance which policy learns: flat is good, a straight rising line is a policy that never
 * learns. Writes PNG or SVG by the file's extension.
 */
public final class RegretChart {
  private RegretChart() {}

  /** Fails unless {@code file} ends in .png or .svg (check before a long run, not after). */
  public static void requireFormat(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (!name.endsWith(".png") && !name.endsWith(".svg")) {
      throw InputException.inFile(file, "chart files must end in .png or .svg");
    }
  }

  /** Writes the curves of {@code results} to {@code file} (.png or .svg). */
  public static void write(List<SimulationResult> results, String title, Path file) {
    requireFormat(file);
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    XYChart chart =
        new XYChartBuilder()
            .width(900)
            .height(520)
            .title(title)
            .xAxisTitle("round")
            .yAxisTitle("cumulative expected regret (clicks lost to the oracle)")
            .build();
    chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
    for (SimulationResult r : results) {
      int n = r.checkpoints().size() + 1;
      double[] x = new double[n];
      double[] y = new double[n];
      for (int i = 1; i < n; i++) {
        SimulationResult.Checkpoint c = r.checkpoints().get(i - 1);
        x[i] = c.round();
        y[i] = c.regret();
      }
      chart.addSeries(r.policy(), x, y).setMarker(SeriesMarkers.NONE);
    }
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      try (OutputStream out = Files.newOutputStream(file)) {
        ChartEncoder.saveChart(chart, out, name.substring(name.length() - 3));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write chart " + file, e);
    }
  }
}
