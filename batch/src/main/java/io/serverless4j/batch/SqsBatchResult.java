/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.batch;

import io.serverless4j.events.BatchResponse;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of {@link SqsBatchProcessor#process}: the partial-batch response to return to Lambda, and why each
 * reported record was not done.
 *
 * @param response the response for Lambda ({@code ReportBatchItemFailures}): the ids of every record not done
 * @param failed every record not done, in the batch's order, with the reason
 * @param size the number of records in the batch
 */
public record SqsBatchResult(BatchResponse response, List<RecordFailure> failed, int size) {

    /** Copies the failures. */
    public SqsBatchResult {
        Objects.requireNonNull(response, "response");
        failed = List.copyOf(failed);
    }

    /** Why a record is reported back to SQS. */
    public enum Reason {
        /** The handler threw (an exception or an error). */
        FAILED,
        /** FIFO: an earlier record of the same message group was not done, so this one was not run, to keep order. */
        SKIPPED_AFTER_GROUP_FAILURE,
        /** Not started: the Lambda deadline less the safety margin had been reached. */
        NOT_STARTED_BEFORE_DEADLINE,
        /**
         * Started on an executor but still running when the deadline less the safety margin was reached. Its
         * outcome is unknown: if it succeeds after the response, it runs again when SQS delivers it again.
         */
        NOT_FINISHED_BEFORE_DEADLINE,
        /** Not started: the executor refused the work ({@code RejectedExecutionException}, e.g. a full bounded pool). */
        REJECTED_BY_EXECUTOR,
        /**
         * Not started: an earlier record's handler threw an error after which running more records is unsafe
         * ({@code OutOfMemoryError}, {@code InternalError}, {@code UnknownError}).
         */
        STOPPED_AFTER_FATAL_ERROR,
        /** Not started or not finished: the thread that ran {@code process} was interrupted while it waited. */
        INTERRUPTED
    }

    /**
     * One record that SQS will deliver again.
     *
     * @param messageId the SQS message id
     * @param reason why
     * @param cause what the handler threw, for {@link Reason#FAILED}; null otherwise
     */
    public record RecordFailure(String messageId, Reason reason, Throwable cause) {
        /** Validates the failure. */
        public RecordFailure {
            Objects.requireNonNull(messageId, "messageId");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * Whether every record was done.
     *
     * @return true when nothing is reported back
     */
    public boolean allSucceeded() {
        return failed.isEmpty();
    }

    /**
     * Whether no record of a non-empty batch was done. Lambda then retries the whole batch anyway; a handler may
     * want to throw instead so the invocation counts as an error in its metrics and alarms.
     *
     * @return true when every record was reported back
     */
    public boolean allFailed() {
        return size > 0 && failed.size() == size;
    }
}
