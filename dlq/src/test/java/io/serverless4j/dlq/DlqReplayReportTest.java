/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.dlq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.serverless4j.dlq.DlqReplayReport.NotMoved;
import io.serverless4j.dlq.DlqReplayReport.StopReason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DlqReplayReportTest {

    private static DlqReplayReport report(long moved, List<NotMoved> failed, List<NotMoved> kept, Duration elapsed) {
        return new DlqReplayReport("dlq", "target", false, StopReason.EMPTY, moved, moved, 0, failed, kept, List.of(),
                elapsed);
    }

    @Test
    void ratesAreMovedMessagesPerSecondOfElapsedTime() {
        assertThat(report(1000, List.of(), List.of(), Duration.ofMillis(250)).messagesPerSecond()).isEqualTo(4000);
        assertThat(report(10, List.of(), List.of(), Duration.ZERO).messagesPerSecond()).isZero();
        assertThat(new DlqReplayProgress(5, 5, 0, 0, 0, Duration.ofSeconds(2)).messagesPerSecond()).isEqualTo(2.5);
    }

    @Test
    void allMovedOnlyWhenNothingFailedAndNothingWasKept() {
        NotMoved one = new NotMoved("m", "o", "why");
        assertThat(report(1, List.of(), List.of(), Duration.ofSeconds(1)).allMoved()).isTrue();
        assertThat(report(1, List.of(one), List.of(), Duration.ofSeconds(1)).allMoved()).isFalse();
        assertThat(report(1, List.of(), List.of(one), Duration.ofSeconds(1)).allMoved()).isFalse();
    }

    @Test
    void isImmutableAndValidates() {
        List<NotMoved> failed = new ArrayList<>(List.of(new NotMoved("m", "o", "why")));
        DlqReplayReport report = report(1, failed, List.of(), Duration.ofSeconds(1));
        failed.clear();
        assertThat(report.failed()).hasSize(1);
        assertThatThrownBy(() -> report.failed().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> report(-1, List.of(), List.of(), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> report(1, List.of(), List.of(), Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NotMoved("m", null, "why")).isInstanceOf(NullPointerException.class);
    }
}
