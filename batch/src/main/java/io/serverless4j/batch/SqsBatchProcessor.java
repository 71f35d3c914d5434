/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.batch;

import com.amazonaws.services.lambda.runtime.Context;
import io.serverless4j.events.BatchResponse;
import io.serverless4j.events.sqs.SqsEvent;
import io.serverless4j.events.sqs.SqsMessage;
import io.serverless4j.batch.SqsBatchResult.Reason;
import io.serverless4j.batch.SqsBatchResult.RecordFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;

/**
 * Runs a handler for each record of an SQS batch and builds the partial-batch response
 * ({@code ReportBatchItemFailures}), so that only the records that were not done come back.
 *
 * <pre>{@code
 * static final SqsBatchProcessor BATCH = SqsBatchProcessor.builder().build();
 *
 * public BatchResponse handle(SqsEvent event, Context context) {
 *     return BATCH.process(event, context, (message, ctx) -> orders.accept(message.body(Order.class))).response();
 * }
 * }</pre>
 *
 * <ul>
 *   <li>Sequential by default; parallel on an {@link Executor} when one is given. Failures are collected per record
 *       index, so the response names exactly the records that were not done, whatever the interleaving.
 *   <li>FIFO queues: after a failure only the remaining records <em>of that message group</em> are skipped (and
 *       reported, to keep the group's order); other groups go on. With an executor, groups run in parallel and each
 *       group's records in order.
 *   <li>Near the Lambda deadline (remaining time less the safety margin) no record is started, and with an executor
 *       the processor stops waiting: those records are reported, so Lambda gets a response instead of a timeout that
 *       would redeliver the whole batch.
 *   <li>Optional redelivery backoff: failed records get a visibility timeout from their
 *       {@code ApproximateReceiveCount} (exponential, capped at SQS's 12 hours) instead of the queue's fixed one.
 *   <li>A {@link RecordDecorator} wraps every record, e.g. per-record idempotency.
 * </ul>
 * Immutable and thread-safe; hold it in a {@code static final} field.
 */
public final class SqsBatchProcessor {

    /** SQS's longest visibility timeout. */
    public static final Duration MAX_VISIBILITY_TIMEOUT = Duration.ofHours(12);

    private static final Logger LOG = LoggerFactory.getLogger(SqsBatchProcessor.class);
    private static final int CHANGE_VISIBILITY_BATCH = 10;

    /** Processes one record; throwing reports the record as failed. */
    @FunctionalInterface
    public interface RecordHandler {
        /**
         * Processes one record.
         *
         * @param message the record
         * @param context the Lambda context (may be null outside Lambda)
         * @throws Exception to report the record as failed
         */
        void handle(SqsMessage message, Context context) throws Exception;
    }

    /** Wraps the processing of every record, e.g. to make it idempotent or to add logging context. */
    @FunctionalInterface
    public interface RecordDecorator {
        /**
         * Processes one record by calling {@code next} (or not, e.g. when it was already done).
         *
         * @param message the record
         * @param context the Lambda context
         * @param next the handler
         * @throws Exception to report the record as failed
         */
        void handle(SqsMessage message, Context context, RecordHandler next) throws Exception;
    }

    private final Executor executor;
    private final SqsClient sqsClient;
    private final Backoff redeliveryBackoff;
    private final Duration safetyMargin;
    private final RecordDecorator decorator;
    private final Map<String, String> queueUrls = new ConcurrentHashMap<>();

    private SqsBatchProcessor(Builder builder) {
        this.executor = builder.executor;
        this.sqsClient = builder.sqsClient;
        this.redeliveryBackoff = builder.redeliveryBackoff;
        this.safetyMargin = builder.safetyMargin;
        this.decorator = builder.decorator;
    }

    /**
     * A builder: sequential, no redelivery backoff, a 1 s safety margin.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Processes a batch.
     *
     * @param event the SQS event
     * @param context the Lambda context; null outside Lambda (no deadline)
     * @param handler the work for one record
     * @return the response for Lambda and the failures
     */
    public SqsBatchResult process(SqsEvent event, Context context, RecordHandler handler) {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(handler, "handler");
        List<SqsMessage> records = event.records();
        AtomicReferenceArray<RecordFailure> failures = new AtomicReferenceArray<>(records.size());
        long deadline = context == null ? Long.MAX_VALUE
                : System.nanoTime() + Duration.ofMillis(context.getRemainingTimeInMillis()).minus(safetyMargin).toNanos();
        boolean fifo = records.stream().anyMatch(m -> m.messageGroupId().isPresent());
        if (executor == null && !fifo) {
            runLane(IntStream.range(0, records.size()).toArray(), false, records, context, handler, failures,
                    deadline);
        } else {
            List<int[]> lanes = fifo ? groupLanes(records)
                    : IntStream.range(0, records.size()).mapToObj(i -> new int[] {i}).toList();
            if (executor == null) {
                for (int[] lane : lanes) {
                    runLane(lane, true, records, context, handler, failures, deadline);
                }
            } else {
                runInParallel(lanes, records, context, handler, failures, deadline);
            }
        }
        List<RecordFailure> reported = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            RecordFailure failure = failures.get(i);
            if (failure != null) {
                reported.add(failure);
            }
        }
        if (sqsClient != null && redeliveryBackoff != null) {
            delayRedelivery(records, failures);
        }
        BatchResponse response = BatchResponse.failed(reported.stream().map(RecordFailure::messageId).toList());
        return new SqsBatchResult(response, reported, records.size());
    }

    /** The message groups of a FIFO batch, each a lane of record indexes in batch order. */
    private static List<int[]> groupLanes(List<SqsMessage> records) {
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < records.size(); i++) {
            groups.computeIfAbsent(records.get(i).messageGroupId().orElse(""), k -> new ArrayList<>()).add(i);
        }
        return groups.values().stream().map(g -> g.stream().mapToInt(Integer::intValue).toArray()).toList();
    }

    /**
     * Runs a lane's records in order. With {@code inOrder} (a FIFO group), a record that failed or did not start
     * stops the rest of the lane, which is reported skipped; otherwise every record is tried on its own.
     */
    private void runLane(int[] lane, boolean inOrder, List<SqsMessage> records, Context context,
            RecordHandler handler, AtomicReferenceArray<RecordFailure> failures, long deadline) {
        boolean groupFailed = false;
        for (int index : lane) {
            SqsMessage message = records.get(index);
            if (groupFailed) {
                failures.set(index, new RecordFailure(message.messageId(), Reason.SKIPPED_AFTER_GROUP_FAILURE, null));
                continue;
            }
            if (System.nanoTime() >= deadline) {
                failures.set(index, new RecordFailure(message.messageId(), Reason.NOT_STARTED_BEFORE_DEADLINE, null));
                // The rest of a FIFO group must not run after a record that did not.
                groupFailed = inOrder;
                continue;
            }
            try {
                if (decorator == null) {
                    handler.handle(message, context);
                } else {
                    decorator.handle(message, context, handler);
                }
            } catch (Exception e) {
                failures.set(index, new RecordFailure(message.messageId(), Reason.FAILED, e));
                groupFailed = inOrder;
                // The exception's message may quote the record's body: WARN names the record and the exception type
                // only; the full exception is at DEBUG for whoever chooses to log it.
                if (LOG.isWarnEnabled()) {
                    LOG.warn("SQS record {} failed and goes back to the queue: {}", message.messageId(),
                            e.getClass().getName());
                }
                LOG.debug("SQS record {} failed", message.messageId(), e);
            }
        }
    }

    private void runInParallel(List<int[]> lanes, List<SqsMessage> records, Context context,
            RecordHandler handler, AtomicReferenceArray<RecordFailure> failures, long deadline) {
        List<CompletableFuture<Void>> running = new ArrayList<>(lanes.size());
        for (int[] lane : lanes) {
            running.add(CompletableFuture.runAsync(
                    () -> runLane(lane, true, records, context, handler, failures, deadline), executor));
        }
        CompletableFuture<Void> all = CompletableFuture.allOf(running.toArray(CompletableFuture[]::new));
        try {
            if (deadline == Long.MAX_VALUE) {
                all.get();
            } else {
                all.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (TimeoutException e) {
            for (int i = 0; i < records.size(); i++) {
                // Records still running, or queued behind them, are reported: their outcome is unknown to us.
                if (failures.get(i) == null && !finished(running, lanes, i)) {
                    failures.compareAndSet(i, null,
                            new RecordFailure(records.get(i).messageId(), Reason.NOT_FINISHED_BEFORE_DEADLINE, null));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the batch's records", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("a record lane failed outside its handler", e.getCause());
        }
    }

    private static boolean finished(List<CompletableFuture<Void>> running, List<int[]> lanes, int index) {
        for (int lane = 0; lane < lanes.size(); lane++) {
            for (int member : lanes.get(lane)) {
                if (member == index) {
                    return running.get(lane).isDone();
                }
            }
        }
        return true;
    }

    private void delayRedelivery(List<SqsMessage> records, AtomicReferenceArray<RecordFailure> failures) {
        Map<String, List<ChangeMessageVisibilityBatchRequestEntry>> byQueue = new LinkedHashMap<>();
        Map<String, Duration> groupDelays = new LinkedHashMap<>();
        for (int i = 0; i < records.size(); i++) {
            RecordFailure failure = failures.get(i);
            if (failure == null || failure.reason() == Reason.NOT_STARTED_BEFORE_DEADLINE
                    || failure.reason() == Reason.NOT_FINISHED_BEFORE_DEADLINE) {
                continue;
            }
            SqsMessage message = records.get(i);
            Duration delay;
            if (failure.reason() == Reason.FAILED) {
                Duration own = redeliveryDelay(message.approximateReceiveCount());
                message.messageGroupId().ifPresent(g -> groupDelays.putIfAbsent(g, own));
                delay = own;
            } else {
                // Skipped FIFO records come back with the record that blocked their group.
                delay = groupDelays.getOrDefault(message.messageGroupId().orElse(""), Duration.ZERO);
            }
            byQueue.computeIfAbsent(message.eventSourceArn(), k -> new ArrayList<>())
                    .add(ChangeMessageVisibilityBatchRequestEntry.builder().id(Integer.toString(i))
                            .receiptHandle(message.receiptHandle()).visibilityTimeout((int) delay.toSeconds()).build());
        }
        byQueue.forEach(this::changeVisibility);
    }

    /**
     * The visibility timeout a failed record gets: the redelivery backoff for its receive count, at most 12 hours.
     *
     * @param receiveCount the record's {@code ApproximateReceiveCount} (1 on its first delivery)
     * @return the delay before SQS delivers it again
     */
    Duration redeliveryDelay(int receiveCount) {
        Duration delay = redeliveryBackoff.delay(Math.max(1, receiveCount));
        return delay.compareTo(MAX_VISIBILITY_TIMEOUT) > 0 ? MAX_VISIBILITY_TIMEOUT : delay;
    }

    private void changeVisibility(String queueArn, List<ChangeMessageVisibilityBatchRequestEntry> entries) {
        try {
            String queueUrl = queueUrls.computeIfAbsent(queueArn, this::queueUrl);
            for (int from = 0; from < entries.size(); from += CHANGE_VISIBILITY_BATCH) {
                List<ChangeMessageVisibilityBatchRequestEntry> chunk =
                        entries.subList(from, Math.min(entries.size(), from + CHANGE_VISIBILITY_BATCH));
                var response = sqsClient.changeMessageVisibilityBatch(b -> b.queueUrl(queueUrl).entries(chunk));
                response.failed().forEach(f -> LOG.warn("redelivery backoff not applied to a record of {}: {} {}",
                        queueArn, f.code(), f.message()));
            }
        } catch (RuntimeException e) {
            // The records still come back after the queue's own visibility timeout: a missed backoff is not a loss.
            LOG.warn("redelivery backoff not applied to {} record(s) of {}: {}", entries.size(), queueArn, e.toString());
        }
    }

    private String queueUrl(String queueArn) {
        String[] parts = queueArn == null ? new String[0] : queueArn.split(":");
        if (parts.length != 6 || !parts[2].equals("sqs")) {
            throw new IllegalArgumentException("not an SQS queue ARN: " + queueArn);
        }
        return sqsClient.getQueueUrl(b -> b.queueName(parts[5]).queueOwnerAWSAccountId(parts[4])).queueUrl();
    }

    /** Builds an {@link SqsBatchProcessor}; not thread-safe, use it on one thread. */
    public static final class Builder {
        private Executor executor;
        private SqsClient sqsClient;
        private Backoff redeliveryBackoff;
        private Duration safetyMargin = Duration.ofSeconds(1);
        private RecordDecorator decorator;

        private Builder() {}

        /**
         * Runs records in parallel on {@code executor} (FIFO: message groups in parallel, each in order). Use a
         * bounded pool sized for the function's memory and the downstream's limits.
         *
         * @param executor the executor
         * @return this builder
         */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /**
         * Delays the redelivery of failed records by {@code backoff} of their receive count, with
         * ChangeMessageVisibility through {@code sqsClient} (the function needs {@code sqs:ChangeMessageVisibility}
         * and {@code sqs:GetQueueUrl}).
         *
         * @param sqsClient the client
         * @param backoff the schedule, e.g. {@code Backoff.exponential(Duration.ofSeconds(30), Duration.ofHours(12))}
         * @return this builder
         */
        public Builder redeliveryBackoff(SqsClient sqsClient, Backoff backoff) {
            this.sqsClient = Objects.requireNonNull(sqsClient, "sqsClient");
            this.redeliveryBackoff = Objects.requireNonNull(backoff, "backoff");
            return this;
        }

        /**
         * Time kept free before the Lambda deadline for returning the response.
         *
         * @param safetyMargin zero or more
         * @return this builder
         */
        public Builder safetyMargin(Duration safetyMargin) {
            this.safetyMargin = Settings.safetyMargin(safetyMargin);
            return this;
        }

        /**
         * Wraps the processing of every record, e.g. per-record idempotency.
         *
         * @param decorator the decorator
         * @return this builder
         */
        public Builder decorator(RecordDecorator decorator) {
            this.decorator = Objects.requireNonNull(decorator, "decorator");
            return this;
        }

        /**
         * Builds the processor.
         *
         * @return the processor
         */
        public SqsBatchProcessor build() {
            return new SqsBatchProcessor(this);
        }
    }
}
