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
    void onlyResultsWithTheSameParametersAreCompared() {
        List<Comparison> comparisons = SideBySide.compare(List.of(
                new Score("process_serverless4j[records=10]", "avgt", 20, "ns/op"),
                new Score("process_serverless4j[records=1000]", "avgt", 2000, "ns/op"),
                new Score("process_plainLoop[records=10]", "avgt", 10, "ns/op"),
                new Score("process_plainLoop[records=1000]", "avgt", 1000, "ns/op")));
        assertThat(comparisons).extracting(Comparison::benchmarkCase, Comparison::peer, Comparison::ratio)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("process[records=10]", "plainLoop", 0.5),
                        org.assertj.core.groups.Tuple.tuple("process[records=1000]", "plainLoop", 0.5));
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
