package dev.nudge.simulation.experiment;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.IntStream;
import org.knowm.xchart.ChartEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Cumulative CTR and regret curves, one line per policy (mean over trials), as PNG and SVG. */
final class Plots {
  private Plots() {}

  /** Writes {@code base}.png and {@code base}.svg. */
  static void curves(ExperimentResult result, boolean regret, Path base) throws IOException {
    XYChart chart =
        new XYChartBuilder()
            .width(900)
            .height(560)
            .title(result.config().name() + (regret ? ": cumulative regret" : ": cumulative CTR"))
            .xAxisTitle("round")
            .yAxisTitle(regret ? "cumulative regret" : "cumulative CTR (Σ clicks / m)")
            .build();
    chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
    chart.getStyler().setMarkerSize(0);
    chart.getStyler().setXAxisTickMarkSpacingHint(120);
    int rounds = result.config().rounds();
    // Thin long curves to at most 500 points: the picture is the same and the SVG stays small.
    int step = Math.max(1, rounds / 500);
    double[] x =
        IntStream.iterate(step - 1, t -> t < rounds, t -> t + step)
            .mapToDouble(t -> t + 1)
            .toArray();
    for (String policy : result.config().policies()) {
      double[] curve = result.meanCurve(policy, regret);
      double[] y = new double[x.length];
      for (int k = 0; k < x.length; k++) {
        y[k] = curve[(int) x[k] - 1];
      }
      chart.addSeries(policy, x, y).setMarker(SeriesMarkers.NONE);
    }
    Path png = base.resolveSibling(base.getFileName() + ".png");
    Path svg = base.resolveSibling(base.getFileName() + ".svg");
    try (OutputStream out = Files.newOutputStream(png)) {
      ChartEncoder.saveChart(chart, out, "png");
    }
    try (OutputStream out = Files.newOutputStream(svg)) {
      ChartEncoder.saveChart(chart, out, "svg");
    }
  }
}
