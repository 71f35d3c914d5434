/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.dlq;

import com.amazonaws.services.lambda.runtime.Context;
import io.serverless4j.core.Invocation;
import io.serverless4j.dlq.internal.ReplayConfig;
import io.serverless4j.dlq.internal.ReplayRun;
import io.serverless4j.retry.RetryPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Moves messages from an SQS dead-letter queue back to a queue, at least once, with filter, transform, dry run, rate
 * limit, archive and a report.
 *
 * <pre>{@code
 * static final DlqReplayer REPLAYER = DlqReplayer.builder()
 *         .sqsClient(sqs)
 *         .dlqUrl("https://sqs.eu-west-1.amazonaws.com/123456789012/orders-dlq")
 *         .filter(DlqFilters.jsonPointerEquals("/type", "OrderPlaced"))
 *         .maxMessagesPerSecond(200)
 *         .build();
 *
 * DlqReplayReport report = REPLAYER.replay(context); // in a Lambda handler; replay() on a command line
 * }</pre>
 *
 * <p>How it works: each worker receives up to 10 messages (long polling), filters and transforms them, sends them to
 * the target with SendMessageBatch (body, message attributes, FIFO group id, a new FIFO deduplication id, and the
 * attributes {@value DlqMessage#ORIGINAL_MESSAGE_ID_ATTRIBUTE} and {@value DlqMessage#REPLAY_COUNT_ATTRIBUTE}), then
 * deletes from the DLQ exactly the entries that were sent, until the DLQ has nothing new, the maximum number of
 * messages moved, the time limit, or the Lambda deadline. Every SQS call goes through the
 * {@linkplain Builder#retryPolicy retry policy}: it alone decides what is retried and how long it waits.
 *
 * <p>Guarantees: at-least-once. A crash at any point loses no message; it duplicates at most the batch each worker
 * had sent but not yet deleted (≤ 10 per worker). Messages that are not moved (filtered out, failed, over the replay
 * limit, left when the replay stopped, and every message in a dry run) stay in the DLQ and are made visible again
 * when the replay ends; one that keeps failing is sent at most the policy's {@link RetryPolicy#maxAttempts()} times
 * per replay and then reported. Messages waiting to be sent are kept invisible (ChangeMessageVisibilityBatch)
 * however slow the send. With a Lambda {@link Context}, no SQS call outlives the invocation, and the deadline
 * keeps the guarantee: a batch is either sent and then deleted (exactly the entries that were sent) or left in the
 * DLQ; a batch whose delete the deadline stopped is reported in {@link DlqReplayReport#sentNotDeleted()}, at most
 * one per worker.
 *
 * <p>Immutable and thread-safe: build it once (e.g. in a {@code static final} field) and call {@link #replay()}
 * or {@link #replay(Context)} from any thread, as often as needed; each call is an independent replay.
 */
public final class DlqReplayer {

    private final ReplayConfig config;
    private final Builder source;

    private DlqReplayer(Builder builder) {
        this.source = builder.copy();
        this.config = new ReplayConfig(builder.sqsClient, builder.dlqUrl, builder.targetQueueUrl, builder.filter,
                builder.transform, builder.dryRun, builder.sampleSize, builder.maxMessages, builder.timeLimit,
                builder.maxMessagesPerSecond, builder.workers, builder.visibilityTimeout, builder.receiveWaitTime,
                builder.maxReplayCount, builder.retryPolicy, builder.maxBatchBytes, builder.archive,
                builder.listener);
    }

    /**
     * A new builder.
     *
     * @return a builder with the defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this replayer's settings, to derive a changed copy (e.g. the same replayer as a dry run).
     *
     * @return a new builder; changing it does not change this replayer
     */
    public Builder toBuilder() {
        return source.copy();
    }

    /**
     * Runs one replay to its end, outside Lambda (a command line, a script, a container): no deadline, only the
     * {@linkplain Builder#timeLimit time limit} if one is set.
     *
     * @return the report; messages in {@link DlqReplayReport#failed()} and
     *     {@link DlqReplayReport#keptOverReplayLimit()} are still in the DLQ
     * @throws DlqTargetNotFoundException when no target was set and no queue's redrive policy names the DLQ
     * @throws DlqAmbiguousTargetException when no target was set and several queues name the DLQ
     * @throws DlqReplayAbortedException when an AWS call failed for good (missing queue, access denied, target
     *     down); it carries the partial report, and nothing was lost
     * @throws DlqArchiveException when the archive cannot be written (the batch that could not be archived was not
     *     sent)
     */
    public DlqReplayReport replay() {
        return new ReplayRun(config, Invocation.none()).run();
    }

    /**
     * Runs one replay inside a Lambda invocation, e.g. a scheduled function: it stops starting new batches when the
     * invocation's time less the retry policy's safety margin is short, and every SQS call is bounded by the
     * deadline, so the replay returns before the function times out. What is not moved by then stays in the DLQ for
     * the next run.
     *
     * <p>The deadline is reported, not thrown: the report's {@link DlqReplayReport#stopReason()} is
     * {@link DlqReplayReport.StopReason#DEADLINE}, messages received but not sent are in
     * {@link DlqReplayReport#left()}, and a batch sent whose delete the deadline stopped (at most one per worker) is
     * in {@link DlqReplayReport#sentNotDeleted()}. The {@linkplain Builder#timeLimit time limit}, if set, applies
     * as well.
     *
     * @param context the Lambda context whose deadline bounds the replay; null outside Lambda (as {@link #replay()})
     * @return the report
     * @throws DlqReplayException as for {@link #replay()}
     */
    public DlqReplayReport replay(Context context) {
        return new ReplayRun(config, Invocation.of(context)).run();
    }

    /**
     * The DLQ this replayer drains.
     *
     * @return the DLQ's URL
     */
    public String dlqUrl() {
        return config.dlqUrl();
    }

    /**
     * The queue messages are sent to, when one was set.
     *
     * @return the target's URL; empty when it is found from the redrive policies at each replay
     */
    public Optional<String> targetQueueUrl() {
        return Optional.ofNullable(config.targetQueueUrl());
    }

    @Override
    public String toString() {
        return "DlqReplayer[" + config.dlqUrl() + " -> "
                + (config.targetQueueUrl() == null ? "(redrive source)" : config.targetQueueUrl())
                + (config.dryRun() ? ", dry run" : "") + "]";
    }

    /**
     * Builds a {@link DlqReplayer}. Setters check their argument at once ({@link NullPointerException},
     * {@link IllegalArgumentException}); {@link #build()} checks what depends on several settings
     * ({@link IllegalStateException}). Not thread-safe; the replayer it builds is.
     */
    public static final class Builder {

        private SqsClient sqsClient;
        private String dlqUrl;
        private String targetQueueUrl;
        private Predicate<DlqMessage> filter = m -> true;
        private UnaryOperator<DlqMessage> transform = UnaryOperator.identity();
        private boolean dryRun;
        private int sampleSize = 10;
        private long maxMessages = Long.MAX_VALUE;
        private Duration timeLimit;
        private double maxMessagesPerSecond;
        private int workers = 4;
        private Duration visibilityTimeout = Duration.ofSeconds(30);
        private Duration receiveWaitTime = Duration.ofSeconds(1);
        private int maxReplayCount = 3;
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private int maxBatchBytes = 262_144;
        private Path archive;
        private DlqReplayListener listener = DlqReplayListener.NONE;

        private Builder() {}

        private Builder copy() {
            Builder copy = new Builder();
            copy.sqsClient = sqsClient;
            copy.dlqUrl = dlqUrl;
            copy.targetQueueUrl = targetQueueUrl;
            copy.filter = filter;
            copy.transform = transform;
            copy.dryRun = dryRun;
            copy.sampleSize = sampleSize;
            copy.maxMessages = maxMessages;
            copy.timeLimit = timeLimit;
            copy.maxMessagesPerSecond = maxMessagesPerSecond;
            copy.workers = workers;
            copy.visibilityTimeout = visibilityTimeout;
            copy.receiveWaitTime = receiveWaitTime;
            copy.maxReplayCount = maxReplayCount;
            copy.retryPolicy = retryPolicy;
            copy.maxBatchBytes = maxBatchBytes;
            copy.archive = archive;
            copy.listener = listener;
            return copy;
        }

        /**
         * The client for every call (required). Build it once with the HTTP client of your choice; the replayer
         * never closes it.
         *
         * @param sqsClient the client
         * @return this builder
         * @throws NullPointerException when null
         */
        public Builder sqsClient(SqsClient sqsClient) {
            this.sqsClient = Objects.requireNonNull(sqsClient, "sqsClient");
            return this;
        }

        /**
         * The dead-letter queue to move messages from (required).
         *
         * @param dlqUrl the queue URL
         * @return this builder
         * @throws NullPointerException when null
         * @throws IllegalArgumentException when blank
         */
        public Builder dlqUrl(String dlqUrl) {
            this.dlqUrl = requireUrl(dlqUrl, "dlqUrl");
            return this;
        }

        /**
         * The queue to move messages to. Default: the one queue whose redrive policy names the DLQ (found with
         * ListDeadLetterSourceQueues when the replay starts).
         *
         * @param targetQueueUrl the queue URL
         * @return this builder
         * @throws NullPointerException when null
         * @throws IllegalArgumentException when blank
         */
        public Builder targetQueueUrl(String targetQueueUrl) {
            this.targetQueueUrl = requireUrl(targetQueueUrl, "targetQueueUrl");
            return this;
        }

        /**
         * Which messages to move; the others stay in the DLQ and are counted as skipped. Default: all. See
         * {@link DlqFilters}. It must be thread-safe (workers call it concurrently); if it throws, the message is
         * reported as failed and stays.
         *
         * @param filter the filter
         * @return this builder
         * @throws NullPointerException when null
         */
        public Builder filter(Predicate<DlqMessage> filter) {
            this.filter = Objects.requireNonNull(filter, "filter");
            return this;
        }

        /**
         * What to change before a message is sent (body, attributes, group id). Default: nothing. It must be
         * thread-safe; if it throws or changes the message id, the message is reported as failed and stays.
         *
         * @param transform the transform
         * @return this builder
         * @throws NullPointerException when null
         */
        public Builder transform(UnaryOperator<DlqMessage> transform) {
            this.transform = Objects.requireNonNull(transform, "transform");
            return this;
        }

        /**
         * Count and sample what would move, and move nothing: every received message is made visible again at the
         * end (ChangeMessageVisibility 0), so the DLQ is left as it was (only its messages' receive counts grow).
         * Default: false.
         *
         * @param dryRun whether to only look
         * @return this builder
         */
        public Builder dryRun(boolean dryRun) {
            this.dryRun = dryRun;
            return this;
        }

        /**
         * How many messages a dry run keeps as samples, as they would be sent. Default: 10.
         *
         * @param sampleSize 0 or more
         * @return this builder
         * @throws IllegalArgumentException when negative
         */
        public Builder sampleSize(int sampleSize) {
            if (sampleSize < 0) {
                throw new IllegalArgumentException("sampleSize must not be negative, was " + sampleSize);
            }
            this.sampleSize = sampleSize;
            return this;
        }

        /**
         * The most messages to move in one replay. Default: no limit.
         *
         * @param maxMessages at least 1
         * @return this builder
         * @throws IllegalArgumentException when less than 1
         */
        public Builder maxMessages(long maxMessages) {
            if (maxMessages < 1) {
                throw new IllegalArgumentException("maxMessages must be at least 1, was " + maxMessages);
            }
            this.maxMessages = maxMessages;
            return this;
        }

        /**
         * The longest a replay may take: no new batch is received after it (batches in flight are finished). In a
         * Lambda, {@link DlqReplayer#replay(Context)} stops at the invocation's deadline by itself; a time limit
         * there is for a shorter share (e.g. several DLQs in one invocation). Default: none.
         *
         * @param timeLimit a positive duration
         * @return this builder
         * @throws NullPointerException when null
         * @throws IllegalArgumentException when not positive
         */
        public Builder timeLimit(Duration timeLimit) {
            Objects.requireNonNull(timeLimit, "timeLimit");
            if (timeLimit.isNegative() || timeLimit.isZero()) {
                throw new IllegalArgumentException("timeLimit must be positive, was " + timeLimit);
            }
            this.timeLimit = timeLimit;
            return this;
        }

        /**
         * The most messages moved per second, all workers together (a token bucket; callers sleep, never spin).
         * Default: no limit.
         *
         * @param maxMessagesPerSecond a positive rate
         * @return this builder
         * @throws IllegalArgumentException when not positive and finite
         */
        public Builder maxMessagesPerSecond(double maxMessagesPerSecond) {
            if (!(maxMessagesPerSecond > 0) || Double.isInfinite(maxMessagesPerSecond)) {
                throw new IllegalArgumentException("maxMessagesPerSecond must be positive, was "
                        + maxMessagesPerSecond);
            }
            this.maxMessagesPerSecond = maxMessagesPerSecond;
            return this;
        }

        /**
         * How many workers receive and send in parallel. Each holds at most one batch of 10, so a crash duplicates
         * at most {@code workers × 10} messages. Default: 4.
         *
         * @param workers 1 to 64
         * @return this builder
         * @throws IllegalArgumentException when out of range
         */
        public Builder workers(int workers) {
            if (workers < 1 || workers > 64) {
                throw new IllegalArgumentException("workers must be 1 to 64, was " + workers);
            }
            this.workers = workers;
            return this;
        }

        /**
         * How long received messages stay invisible; extended while a batch waits to be sent. After a crash, the
         * messages in flight reappear in the DLQ after this time. Default: 30 seconds.
         *
         * @param visibilityTimeout whole seconds, 1 second to 12 hours
         * @return this builder
         * @throws NullPointerException when null
         * @throws IllegalArgumentException when out of range or not whole seconds
         */
        public Builder visibilityTimeout(Duration visibilityTimeout) {
            Objects.requireNonNull(visibilityTimeout, "visibilityTimeout");
            if (visibilityTimeout.compareTo(Duration.ofSeconds(1)) < 0
                    || visibilityTimeout.compareTo(Duration.ofHours(12)) > 0
                    || visibilityTimeout.toNanosPart() != 0) {
                throw new IllegalArgumentException("visibilityTimeout must be whole seconds from 1 s to 12 h (SQS's "
                        + "range), was " + visibilityTimeout);
            }
            this.visibilityTimeout = visibilityTimeout;
            return this;
        }

        /**
         * The long-polling wait of each receive; a receive that waits this long and gets nothing new ends its
         * worker. Default: 1 second.
         *
         * @param receiveWaitTime whole seconds, 0 to 20 (0 is short polling, which on SQS may miss messages)
         * @return this builder
         * @throws NullPointerException when null
         * @throws IllegalArgumentException when out of range or not whole seconds
         */
        public Builder receiveWaitTime(Duration receiveWaitTime) {
            Objects.requireNonNull(receiveWaitTime, "receiveWaitTime");
            if (receiveWaitTime.isNegative() || receiveWaitTime.compareTo(Duration.ofSeconds(20)) > 0
                    || receiveWaitTime.toNanosPart() != 0) {
                throw new IllegalArgumentException("receiveWaitTime must be whole seconds from 0 to 20 s (SQS's "
                        + "range), was " + receiveWaitTime);
            }
            this.receiveWaitTime = receiveWaitTime;
            return this;
        }

        /**
         * How many times one message may be replayed: a message whose {@value DlqMessage#REPLAY_COUNT_ATTRIBUTE}
         * has reached this stays in the DLQ and is reported in {@link DlqReplayReport#keptOverReplayLimit()}.
         * Default: 3.
         *
         * @param maxReplayCount at least 1
         * @return this builder
         * @throws IllegalArgumentException when less than 1
         */
        public Builder maxReplayCount(int maxReplayCount) {
            if (maxReplayCount < 1) {
                throw new IllegalArgumentException("maxReplayCount must be at least 1, was " + maxReplayCount);
            }
            this.maxReplayCount = maxReplayCount;
            return this;
        }

        /**
         * How every SQS call of a replay is retried, and the time kept free before the Lambda deadline: receives,
         * sends, deletes and visibility changes. A SendMessageBatch entry that fails for a reason that may pass
         * (throttling, a server error, a network failure) is sent again with the policy's backoff, at most
         * {@link RetryPolicy#maxAttempts()} times in all; then it is reported in {@link DlqReplayReport#failed()}
         * and stays in the DLQ. Entries the target rejects as invalid (sender fault) are not sent again. The policy
         * turns the SQS client's own retries off for these calls. Default {@link RetryPolicy#defaults()} (3
         * attempts, 500 ms safety margin).
         *
         * @param retryPolicy the policy
         * @return this builder
         * @throws NullPointerException when null
         */
        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
            return this;
        }

        /**
         * The largest SendMessageBatch payload (and so the largest message), counted as SQS counts it. Default:
         * 262,144 bytes (256 KiB), which every SQS endpoint accepts; raise it to 1,048,576 where the target accepts
         * 1 MiB.
         *
         * @param maxBatchBytes 1,024 to 1,048,576
         * @return this builder
         * @throws IllegalArgumentException when out of range
         */
        public Builder maxBatchBytes(int maxBatchBytes) {
            if (maxBatchBytes < 1024 || maxBatchBytes > 1_048_576) {
                throw new IllegalArgumentException("maxBatchBytes must be 1024 to 1048576, was " + maxBatchBytes);
            }
            this.maxBatchBytes = maxBatchBytes;
            return this;
        }

        /**
         * A JSONL file to append every message to, as it will be sent, before it is sent (forced to disk per
         * batch); {@link DlqArchive#restore(SqsClient, Path, String)} sends it again. Default: none.
         *
         * @param archive the file; created if missing, appended to if present
         * @return this builder
         * @throws NullPointerException when null
         */
        public Builder archive(Path archive) {
            this.archive = Objects.requireNonNull(archive, "archive");
            return this;
        }

        /**
         * Who hears progress. Default: nobody.
         *
         * @param listener a thread-safe listener
         * @return this builder
         * @throws NullPointerException when null
         */
        public Builder listener(DlqReplayListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Builds the replayer.
         *
         * @return an immutable, thread-safe replayer
         * @throws IllegalStateException when the client or the DLQ is missing, the target is the DLQ itself, an
         *     archive is set for a dry run
         */
        public DlqReplayer build() {
            if (sqsClient == null) {
                throw new IllegalStateException("set sqsClient: the SqsClient the replay calls SQS with");
            }
            if (dlqUrl == null) {
                throw new IllegalStateException("set dlqUrl: the URL of the dead-letter queue to replay");
            }
            if (dlqUrl.equals(targetQueueUrl)) {
                throw new IllegalStateException("the target queue is the DLQ itself (" + dlqUrl + "); a replay "
                        + "would loop: set another targetQueueUrl, or none to use the queue whose redrive policy "
                        + "names the DLQ");
            }
            if (dryRun && archive != null) {
                throw new IllegalStateException("a dry run moves nothing, so it archives nothing: remove archive("
                        + archive + ") or dryRun(true)");
            }
            return new DlqReplayer(this);
        }

        private static String requireUrl(String url, String name) {
            Objects.requireNonNull(url, name);
            if (url.isBlank()) {
                throw new IllegalArgumentException(name + " must not be blank");
            }
            return url;
        }
    }
}
