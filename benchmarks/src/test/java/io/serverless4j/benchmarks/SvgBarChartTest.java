/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SvgBarChartTest {

    private static List<Integer> widths(String svg) {
        Matcher m = Pattern.compile("<rect x=\"\\d+\" y=\"\\d+\" width=\"(\\d+)\"").matcher(svg);
        java.util.ArrayList<Integer> widths = new java.util.ArrayList<>();
        while (m.find()) {
            widths.add(Integer.parseInt(m.group(1)));
        }
        return widths;
    }

    @Test
    void barLengthsAreProportionalToTheValuesAndTheLongestFillsThePlot() {
        String svg = SvgBarChart.svg("t", "msg/s", List.of(new SvgBarChart.Bar("a", 100, true),
                new SvgBarChart.Bar("b", 50, false)), false);
        List<Integer> widths = widths(svg);
        assertThat(widths).hasSize(2);
        assertThat(widths.get(1) * 2).isBetween(widths.get(0) - 1, widths.get(0) + 1);
        assertThat(svg).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"").endsWith("</svg>\n")
                .contains("100 msg/s").contains("50.00 msg/s");
    }

    @Test
    void aLogScaleKeepsSmallValuesVisibleAndLabelsAreEscaped() {
        String svg = SvgBarChart.svg("a < b & c", "x", List.of(new SvgBarChart.Bar("big", 100_000, false),
                new SvgBarChart.Bar("<small>", 100, true)), true);
        List<Integer> widths = widths(svg);
        // log10: 5 against 2, so the small bar is 2/5 of the big one, not 1/1000.
        assertThat(widths.get(1) * 5).isBetween(widths.get(0) * 2 - 5, widths.get(0) * 2 + 5);
        assertThat(svg).contains("a &lt; b &amp; c (log scale)").contains("&lt;small&gt;").doesNotContain("<small>");
    }
}
