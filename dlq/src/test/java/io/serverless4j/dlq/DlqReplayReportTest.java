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

    private static final NotMoved ONE = new NotMoved("m", "o", "why");

    private static DlqReplayReport report(long moved, List<NotMoved> failed, List<NotMoved> kept, Duration elapsed) {
        return report(moved, failed, kept, List.of(), List.of(), elapsed);
    }

    private static DlqReplayReport report(long moved, List<NotMoved> failed, List<NotMoved> kept, List<NotMoved> left,
            List<NotMoved> sentNotDeleted, Duration elapsed) {
        return new DlqReplayReport("dlq", "target", false, StopReason.EMPTY, moved, moved, 0, failed, kept, left,
                sentNotDeleted, List.of(), elapsed);
    }

    @Test
    void ratesAreMovedMessagesPerSecondOfElapsedTime() {
        assertThat(report(1000, List.of(), List.of(), Duration.ofMillis(250)).messagesPerSecond()).isEqualTo(4000);
        assertThat(report(10, List.of(), List.of(), Duration.ZERO).messagesPerSecond()).isZero();
        assertThat(new DlqReplayProgress(5, 5, 0, 0, 0, Duration.ofSeconds(2)).messagesPerSecond()).isEqualTo(2.5);
    }

    @Test
    void allSucceededOnlyWhenNothingFailedWasKeptWasLeftOrWasSentButNotDeleted() {
        Duration second = Duration.ofSeconds(1);
        assertThat(report(1, List.of(), List.of(), second).allSucceeded()).isTrue();
        assertThat(report(1, List.of(ONE), List.of(), second).allSucceeded()).isFalse();
        assertThat(report(1, List.of(), List.of(ONE), second).allSucceeded()).isFalse();
        assertThat(report(1, List.of(), List.of(), List.of(ONE), List.of(), second).allSucceeded()).isFalse();
        assertThat(report(1, List.of(), List.of(), List.of(), List.of(ONE), second).allSucceeded()).isFalse();
    }

    @Test
    void isImmutableAndValidates() {
        List<NotMoved> failed = new ArrayList<>(List.of(ONE));
        List<NotMoved> left = new ArrayList<>(List.of(ONE));
        DlqReplayReport report = report(1, failed, List.of(), left, List.of(), Duration.ofSeconds(1));
        failed.clear();
        left.clear();
        assertThat(report.failed()).hasSize(1);
        assertThat(report.left()).hasSize(1);
        assertThatThrownBy(() -> report.failed().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> report.sentNotDeleted().add(ONE)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> report(-1, List.of(), List.of(), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> report(1, List.of(), List.of(), Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NotMoved("m", null, "why")).isInstanceOf(NullPointerException.class);
    }
}
