/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.serverless4j.benchmarks.SideBySide.Comparison;
import io.serverless4j.benchmarks.SideBySide.Score;
import java.util.List;
import org.junit.jupiter.api.Test;

class SideBySideTest {

    @Test
    void throughputRatiosAreOursOverThePeers() {
        List<Comparison> comparisons = SideBySide.compare(List.of(
                new Score("parseSqs_serverless4j", "thrpt", 300, "ops/ms"),
                new Score("parseSqs_lambdaEvents", "thrpt", 100, "ops/ms")));
        assertThat(comparisons).singleElement().satisfies(c -> {
            assertThat(c.benchmarkCase()).isEqualTo("parseSqs");
            assertThat(c.peer()).isEqualTo("lambdaEvents");
            assertThat(c.ratio()).isCloseTo(3.0, within(1e-9));
        });
    }

    @Test
    void timeRatiosArePeerOverOursSoAboveOneAlwaysMeansBetter() {
        List<Comparison> comparisons = SideBySide.compare(List.of(
                new Score("coldParse_serverless4j", "ss", 20, "ms"),
                new Score("coldParse_lambdaEvents", "ss", 80, "ms")));
        assertThat(comparisons).singleElement().extracting(Comparison::ratio).isEqualTo(4.0);
    }

    @Test
    void resultsWithoutACounterpartInTheSameModeAndUnitAreNotCompared() {
        List<Comparison> comparisons = SideBySide.compare(List.of(
                new Score("a_serverless4j", "thrpt", 1, "ops/ms"),
                new Score("a_peer", "avgt", 1, "ms/op"),
                new Score("b_peer", "thrpt", 1, "ops/ms"),
                new Score("c_serverless4j", "thrpt", 1, "ops/ms"),
                new Score("c_peer", "thrpt", 1, "ops/s")));
        assertThat(comparisons).isEmpty();
    }
}
