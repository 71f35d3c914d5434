/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.dlq;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What one {@link DlqReplayer#replay()} did, and where every message it received is now.
 *
 * <p>Each received message is in exactly one place, so for a replay the counts add up:
 * {@code received == moved + skippedByFilter + failed().size() + keptOverReplayLimit().size() + left().size()
 * + sentNotDeleted().size()}. Only {@link #moved()} messages left the DLQ; {@link #sentNotDeleted()} messages are in
 * the target <em>and</em> still in the DLQ (the next replay sends them again: the duplicates at-least-once allows);
 * all others are in the DLQ only.
 *
 * <p>In a dry run, {@link #moved()} counts the messages that <em>would</em> move and {@link #samples()} shows the
 * first of them as they would be sent; nothing was sent or deleted. {@link DlqArchive#restore} reuses this record
 * with the meanings its Javadoc gives. Immutable and thread-safe.
 *
 * @param dlqUrl the DLQ
 * @param targetQueueUrl the queue the messages were sent to; null when the replay stopped before it was known
 * @param dryRun whether this was a dry run
 * @param stopReason why the replay stopped
 * @param received how many distinct DLQ messages were received
 * @param moved how many were sent to the target and deleted from the DLQ (in a dry run: would have been)
 * @param skippedByFilter how many the filter rejected; they stay in the DLQ
 * @param failed the messages that could not be moved, with the reason; they stay in the DLQ
 * @param keptOverReplayLimit the messages already replayed the maximum number of times; they stay in the DLQ
 * @param left the messages received but not sent because the replay stopped (the Lambda deadline, the time
 *     limit, an interruption, an abort); they stay in the DLQ for the next replay, and were not sent
 * @param sentNotDeleted the messages sent to the target (or whose send the deadline cut off, so they may have
 *     arrived) that are still in the DLQ: the delete failed or the deadline came first; the next replay sends them
 *     again, a duplicate, unless they are deleted from the DLQ by hand
 * @param samples in a dry run, the first messages as they would be sent; empty otherwise
 * @param elapsed how long the replay took
 */
public record DlqReplayReport(String dlqUrl, String targetQueueUrl, boolean dryRun, StopReason stopReason,
        long received, long moved, long skippedByFilter, List<NotMoved> failed, List<NotMoved> keptOverReplayLimit,
        List<NotMoved> left, List<NotMoved> sentNotDeleted, List<DlqMessage> samples, Duration elapsed) {

    /** Why a replay stopped. */
    public enum StopReason {
        /** The DLQ had no more messages this replay had not seen yet. */
        EMPTY,
        /** The maximum number of messages was reached. */
        MAX_MESSAGES,
        /** The replay's time limit ({@link DlqReplayer.Builder#timeLimit}) was reached; batches in flight were
         *  finished. */
        TIME_LIMIT,
        /**
         * The Lambda invocation's deadline, less the retry policy's safety margin, left no room for another batch
         * or cut one short ({@link DlqReplayer#replay(com.amazonaws.services.lambda.runtime.Context)}); what was
         * not moved is in {@link DlqReplayReport#left()} or {@link DlqReplayReport#sentNotDeleted()}.
         */
        DEADLINE,
        /** The thread running the replay was interrupted. */
        INTERRUPTED,
        /** An AWS call failed for good; see {@link DlqReplayAbortedException}. */
        ABORTED
    }

    /**
     * A message that stayed in the DLQ (or could not be deleted from it), and why.
     *
     * @param messageId its message id in the DLQ
     * @param originalMessageId the id of the message that first failed (see {@link DlqMessage#originalMessageId()})
     * @param reason what went wrong and what to do
     */
    public record NotMoved(String messageId, String originalMessageId, String reason) {
        /**
         * Validates.
         *
         * @throws NullPointerException when a field is null
         */
        public NotMoved {
            Objects.requireNonNull(messageId, "messageId");
            Objects.requireNonNull(originalMessageId, "originalMessageId");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * Validates and copies the lists.
     *
     * @throws NullPointerException when a field other than targetQueueUrl is null
     * @throws IllegalArgumentException when a count or the elapsed time is negative
     */
    public DlqReplayReport {
        Objects.requireNonNull(dlqUrl, "dlqUrl");
        Objects.requireNonNull(stopReason, "stopReason");
        Objects.requireNonNull(elapsed, "elapsed");
        if (received < 0 || moved < 0 || skippedByFilter < 0) {
            throw new IllegalArgumentException("counts must not be negative: received " + received + ", moved "
                    + moved + ", skipped " + skippedByFilter);
        }
        if (elapsed.isNegative()) {
            throw new IllegalArgumentException("elapsed must not be negative, was " + elapsed);
        }
        failed = List.copyOf(failed);
        keptOverReplayLimit = List.copyOf(keptOverReplayLimit);
        left = List.copyOf(left);
        sentNotDeleted = List.copyOf(sentNotDeleted);
        samples = List.copyOf(samples);
    }

    /**
     * The rate of the replay: moved messages per second of elapsed time (0 when no time elapsed).
     *
     * @return messages per second
     */
    public double messagesPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0 : moved / seconds;
    }

    /**
     * Whether every message the replay received was either moved or skipped by the filter: none failed, none was
     * kept over the replay limit, none was left unsent or left sent but not deleted when the replay stopped. A
     * replay stopped by its time limit or the deadline between batches can still have succeeded: it took on no
     * more than it finished, and the rest waits in the DLQ.
     *
     * @return true when nothing needs attention
     */
    public boolean allSucceeded() {
        return failed.isEmpty() && keptOverReplayLimit.isEmpty() && left.isEmpty() && sentNotDeleted.isEmpty();
    }
}
