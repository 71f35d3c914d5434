/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Writes a horizontal bar chart as a small standalone SVG, so a benchmark harness can put its figures in
 * docs/benchmarks.md as a picture without any charting dependency.
 */
public final class SvgBarChart {

    /**
     * One bar.
     *
     * @param label what was measured
     * @param value the figure
     * @param ours whether it is serverless4j's (drawn in the accent colour)
     */
    public record Bar(String label, double value, boolean ours) {}

    private static final int WIDTH = 760;
    private static final int LABEL_WIDTH = 330;
    private static final int BAR_HEIGHT = 22;
    private static final int GAP = 10;
    private static final int TOP = 40;

    private SvgBarChart() {}

    /**
     * The SVG text of a chart. With {@code logScale}, bar lengths follow log10 of the values, for figures that span
     * orders of magnitude; the printed numbers are always the values themselves.
     *
     * @param title the chart's title
     * @param unit the values' unit, printed after each value
     * @param bars the bars, top to bottom
     * @param logScale whether lengths are logarithmic
     * @return the SVG document
     */
    public static String svg(String title, String unit, List<Bar> bars, boolean logScale) {
        double max = bars.stream().mapToDouble(b -> scaled(b.value(), logScale)).max().orElse(1);
        int height = TOP + bars.size() * (BAR_HEIGHT + GAP) + 20;
        int plot = WIDTH - LABEL_WIDTH - 110;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"13\">%n", WIDTH, height));
        svg.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"22\" font-size=\"15\" font-weight=\"bold\">%s%s</text>%n",
                escape(title), logScale ? " (log scale)" : ""));
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            int y = TOP + i * (BAR_HEIGHT + GAP);
            int length = max <= 0 ? 0 : (int) Math.max(1, Math.round(plot * scaled(bar.value(), logScale) / max));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n",
                    LABEL_WIDTH - 8, y + 16, escape(bar.label())));
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>%n",
                    LABEL_WIDTH, y, length, BAR_HEIGHT, bar.ours() ? "#2b7bb9" : "#9aa5b1"));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s %s</text>%n", LABEL_WIDTH + length + 6,
                    y + 16, format(bar.value()), escape(unit)));
        }
        return svg.append("</svg>\n").toString();
    }

    /**
     * Writes {@link #svg} to a file, creating its directory.
     *
     * @param file where
     * @param title the title
     * @param unit the unit
     * @param bars the bars
     * @param logScale whether lengths are logarithmic
     * @throws IOException when the file cannot be written
     */
    public static void write(Path file, String title, String unit, List<Bar> bars, boolean logScale)
            throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, svg(title, unit, bars, logScale), StandardCharsets.UTF_8);
    }

    private static double scaled(double value, boolean logScale) {
        return logScale ? Math.log10(Math.max(1, value)) : value;
    }

    private static String format(double value) {
        return value >= 100 ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.2f", value);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
