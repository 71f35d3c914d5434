/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.dlq.internal;

import io.serverless4j.dlq.DlqMessage;
import io.serverless4j.dlq.DlqReplayListener;
import io.serverless4j.retry.RetryPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A validated replay configuration, built by {@code DlqReplayer.Builder}.
 *
 * @param sqs the client
 * @param dlqUrl the DLQ
 * @param targetQueueUrl the target, or null to find it from the redrive policies
 * @param filter which messages to move
 * @param transform what to change before sending
 * @param dryRun count and sample only
 * @param sampleSize how many dry-run samples to keep
 * @param maxMessages the most messages to move
 * @param timeLimit the longest the replay may run, or null
 * @param maxMessagesPerSecond the rate limit, or 0 for none
 * @param workers the number of worker threads
 * @param visibilityTimeout the visibility timeout of received messages
 * @param receiveWaitTime the long-polling wait of each receive
 * @param maxReplayCount how many times a message may be replayed
 * @param retryPolicy how every SQS call is retried and bounded by the deadline
 * @param maxBatchBytes the largest batch (and message), in bytes
 * @param archive the archive file, or null
 * @param listener the listener
 */
public record ReplayConfig(SqsClient sqs, String dlqUrl, String targetQueueUrl, Predicate<DlqMessage> filter,
        UnaryOperator<DlqMessage> transform, boolean dryRun, int sampleSize, long maxMessages, Duration timeLimit,
        double maxMessagesPerSecond, int workers, Duration visibilityTimeout, Duration receiveWaitTime,
        int maxReplayCount, RetryPolicy retryPolicy, int maxBatchBytes, Path archive, DlqReplayListener listener) {}
