package dev.nudge.simulation.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;

/**
 * One self-contained HTML page for a run folder: the summary table, the plots inlined as PNG data
 * URIs, and the exact configuration, so the page can be mailed or archived on its own.
 */
public final class HtmlReport {
  public static final String FILE = "report.html";

  private HtmlReport() {}

  /** Writes {@code report.html} into the run folder and returns its path. */
  public static Path write(Path runFolder) {
    try {
      String summary = Files.readString(runFolder.resolve(RunFolder.SUMMARY_MD));
      String config = Files.readString(runFolder.resolve(RunFolder.CONFIG));
      StringBuilder html = new StringBuilder();
      html.append("<!doctype html><html><head><meta charset=\"utf-8\"><title>")
          .append(escape(runFolder.getFileName().toString()))
          .append("</title><style>body{font-family:system-ui,sans-serif;max-width:1000px;")
          .append("margin:2em auto;color:#222}table{border-collapse:collapse}")
          .append("td,th{border:1px solid #ccc;padding:4px 10px;text-align:right}")
          .append("td:first-child,th:first-child{text-align:left}img{max-width:100%}")
          .append("pre{background:#f6f6f6;padding:1em}</style></head><body>\n");
      html.append(markdownToHtml(summary));
      for (String plot : new String[] {RunFolder.CTR_PLOT, RunFolder.REGRET_PLOT}) {
        Path png = runFolder.resolve(plot + ".png");
        if (Files.exists(png)) {
          html.append("<p><img alt=\"")
              .append(plot)
              .append("\" src=\"data:image/png;base64,")
              .append(Base64.getEncoder().encodeToString(Files.readAllBytes(png)))
              .append("\"></p>\n");
        }
      }
      html.append("<h2>Configuration</h2><pre>").append(escape(config)).append("</pre>\n");
      html.append("</body></html>\n");
      Path out = runFolder.resolve(FILE);
      Files.writeString(out, html);
      return out;
    } catch (NoSuchFileException e) {
      throw dev.nudge.core.InputException.inFile(
          runFolder, "not a run folder: " + e.getFile() + " is missing");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write report for " + runFolder, e);
    }
  }

  /** Headings, paragraphs and pipe tables: all that summary.md uses. */
  static String markdownToHtml(String markdown) {
    StringBuilder out = new StringBuilder();
    boolean inTable = false;
    for (String line : markdown.split("\n")) {
      if (line.startsWith("|")) {
        if (line.matches("\\|[-| ]+\\|")) {
          continue;
        }
        String[] cells = line.substring(1, line.length() - 1).split("\\|");
        String tag = inTable ? "td" : "th";
        if (!inTable) {
          out.append("<table>\n");
          inTable = true;
        }
        out.append("<tr>");
        for (String cell : cells) {
          out.append('<')
              .append(tag)
              .append('>')
              .append(escape(cell.trim()))
              .append("</")
              .append(tag)
              .append('>');
        }
        out.append("</tr>\n");
        continue;
      }
      if (inTable) {
        out.append("</table>\n");
        inTable = false;
      }
      if (line.startsWith("# ")) {
        out.append("<h1>").append(escape(line.substring(2))).append("</h1>\n");
      } else if (!line.isBlank()) {
        out.append("<p>").append(escape(line)).append("</p>\n");
      }
    }
    if (inTable) {
      out.append("</table>\n");
    }
    return out.toString();
  }

  static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
