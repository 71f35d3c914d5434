/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.examples.nightlyreplay;

import java.util.List;

/**
 * The detail of the {@code DlqReplayReport} event and the function's output: one entry per DLQ.
 *
 * @param scheduledAt the schedule's time (ISO-8601)
 * @param rule the rule that fired, e.g. {@code nightly-dlq-replay}
 * @param queues what happened to each DLQ
 * @param allMoved whether every message of every DLQ was moved
 */
public record ReplaySummary(String scheduledAt, String rule, List<Queue> queues, boolean allMoved) {

    /** Copies the list. */
    public ReplaySummary {
        queues = List.copyOf(queues);
    }

    /**
     * One DLQ's replay.
     *
     * @param dlqUrl the DLQ
     * @param targetQueueUrl where its messages went
     * @param stopReason why the replay ended ({@code EMPTY}, {@code TIME_LIMIT}, ...; {@code ERROR} when it could not run)
     * @param moved messages moved back
     * @param failed messages that could not be moved (they stay in the DLQ)
     * @param keptOverReplayLimit messages replayed too often already (they stay in the DLQ)
     * @param problems the reasons for the failed and kept messages, or the error that stopped the replay
     */
    public record Queue(String dlqUrl, String targetQueueUrl, String stopReason, long moved, int failed,
            int keptOverReplayLimit, List<String> problems) {

        /** Copies the list. */
        public Queue {
            problems = List.copyOf(problems);
        }
    }
}
