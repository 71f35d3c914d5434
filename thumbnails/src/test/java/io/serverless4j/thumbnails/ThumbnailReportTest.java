/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.thumbnails;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.serverless4j.events.Events;
import io.serverless4j.thumbnails.ThumbnailOutcome.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The report's shape (the same as every serverless4j report) and the outcome's invariants. */
class ThumbnailReportTest {

    private static final S3ObjectRef A = new S3ObjectRef("b", "raw/a.jpg", null, "e", 1);
    private static final S3ObjectRef B = new S3ObjectRef("b", "raw/b.jpg", null, "e", 1);
    private static final S3ObjectRef C = new S3ObjectRef("b", "raw/c.jpg", null, "e", 1);
    private static final S3ObjectRef D = new S3ObjectRef("b", "raw/d.jpg", null, "e", 1);

    private static ThumbnailOutcome notStarted(S3ObjectRef object) {
        ThumbnailDeadlineException e = new ThumbnailDeadlineException(object.uri(), "not started", false, null);
        return new ThumbnailOutcome(object, Status.NOT_STARTED, List.of(), e.getMessage(), e);
    }

    @Test
    void failedListsTheFailedAndNotStartedObjectsAndAllSucceededIsTheirAbsence() {
        ThumbnailOutcome created = new ThumbnailOutcome(A, Status.CREATED, List.of("thumb/1/raw/a.jpg"), "", null);
        ThumbnailOutcome skipped = new ThumbnailOutcome(B, Status.SKIPPED, List.of(), "not ours", null);
        CorruptImageException corrupt = new CorruptImageException("raw/c.jpg", "truncated");
        ThumbnailOutcome bad = new ThumbnailOutcome(C, Status.FAILED, List.of(), corrupt.getMessage(), corrupt);

        ThumbnailReport report = ThumbnailReport.of(List.of(created, skipped, bad, notStarted(D)));

        assertThat(report.allSucceeded()).isFalse();
        assertThat(report.failed()).extracting(ThumbnailReport.Entry::key, ThumbnailReport.Entry::retryable)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("raw/c.jpg", false),
                        org.assertj.core.groups.Tuple.tuple("raw/d.jpg", true));
        assertThat(ThumbnailReport.of(List.of(created, skipped)).allSucceeded()).isTrue();
        assertThat(ThumbnailReport.of(List.of()).allSucceeded()).isTrue();
    }

    @Test
    void theJsonHoldsTheEntriesOnlyAndReadsBack() {
        ThumbnailReport report = ThumbnailReport.of(List.of(
                new ThumbnailOutcome(A, Status.CREATED, List.of("thumb/1/raw/a.jpg"), "", null), notStarted(D)));

        String json = Events.write(report);

        assertThat(json).startsWith("{\"objects\":[").doesNotContain("allSucceeded").doesNotContain("failed\"")
                .doesNotContain("succeeded").contains("\"status\":\"NOT_STARTED\"").contains("\"retryable\":true");
        assertThat(Events.parse(json, ThumbnailReport.class)).isEqualTo(report);
    }

    @Test
    void anOutcomeCarriesAFailureExactlyWhenItDidNotSucceed() {
        assertThatThrownBy(() -> new ThumbnailOutcome(A, Status.FAILED, List.of(), "x", null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ThumbnailOutcome(A, Status.CREATED, List.of(), "",
                new CorruptImageException("k", "r"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ThumbnailOutcome(A, Status.NOT_STARTED, List.of(), "x",
                new CorruptImageException("k", "r"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ThumbnailDeadlineException");
    }

    @Test
    void everyExceptionTheModuleReportsIsAThumbnailExceptionAndSaysWhetherToRetry() {
        assertThat(new CorruptImageException("k", "r").retryable()).isFalse();
        assertThat(new NotAnImageException("k", "r").retryable()).isFalse();
        assertThat(new ImageTooLargeException("k", "r").retryable()).isFalse();
        assertThat(new UnsupportedImageFormatException("k", "r").retryable()).isFalse();
        assertThat(new ImageReadException("k", 10, new java.io.IOException("reset")).retryable()).isTrue();
        assertThat(new ThumbnailAwsException("s3://b/k", "S3 PutObject", "r", null).retryable()).isTrue();
        assertThat(new ThumbnailDeadlineException("s3://b/k", "r", true, null).retryable()).isTrue();
        RetryableThumbnailException thrown = new RetryableThumbnailException(List.of(notStarted(D)));
        assertThat(thrown).isInstanceOf(ThumbnailException.class);
        assertThat(thrown.retryable()).isTrue();
        assertThat(thrown.objectName()).isNull();
        assertThat(thrown).hasMessageContaining("s3://b/raw/d.jpg");
        assertThatThrownBy(() -> new RetryableThumbnailException(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
