/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.batch;

import com.amazonaws.services.lambda.runtime.Context;
import io.serverless4j.core.Invocation;
import io.serverless4j.core.MdcScope;
import io.serverless4j.events.BatchResponse;
import io.serverless4j.events.dynamodb.DynamoDbStreamEvent;
import io.serverless4j.events.kinesis.KinesisEvent;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a handler over a Kinesis or DynamoDB Streams batch with the checkpoint semantics those sources need: records
 * run in order, and at the first record that fails (or cannot start before the Lambda deadline) processing stops
 * and the response names that record's sequence number. Lambda then checkpoints just before it and retries from it,
 * so no record is skipped and none after it runs out of order. Whatever a handler throws, an {@link Error} included,
 * stops the batch at its record and never escapes: the records before it are checkpointed, not run again. The
 * deadline is measured on the context's clock ({@link io.serverless4j.core.Ticker}). Immutable and thread-safe.
 *
 * <pre>{@code
 * static final StreamBatchProcessor STREAM = StreamBatchProcessor.builder().build();
 *
 * public BatchResponse handle(KinesisEvent event, Context context) {
 *     return STREAM.processKinesis(event, context, (record, ctx) -> ingest(record.kinesis().dataAsString()));
 * }
 * }</pre>
 */
public final class StreamBatchProcessor {

    /** Processes one stream record; throwing stops the batch at this record. */
    @FunctionalInterface
    public interface RecordHandler<R> {
        /**
         * Processes one record.
         *
         * @param record the record
         * @param context the Lambda context (may be null outside Lambda)
         * @throws Exception to stop the batch here
         */
        void handle(R record, Context context) throws Exception;
    }

    private static final Logger LOG = LoggerFactory.getLogger(StreamBatchProcessor.class);

    private final Duration safetyMargin;
    private final long safetyMarginNanos;

    private StreamBatchProcessor(Builder builder) {
        this.safetyMargin = builder.safetyMargin;
        this.safetyMarginNanos = builder.safetyMargin.toNanos();
    }

    /**
     * A builder with a 1 s safety margin.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this processor's settings.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        return new Builder().safetyMargin(safetyMargin);
    }

    /**
     * Processes a Kinesis batch in order.
     *
     * @param event the event
     * @param context the Lambda context; null for no deadline
     * @param handler the work for one record
     * @return empty on success, else the sequence number of the first record not done
     */
    public BatchResponse processKinesis(KinesisEvent event, Context context,
            RecordHandler<KinesisEvent.Record> handler) {
        Objects.requireNonNull(event, "event");
        return process(event.records(), r -> r.kinesis().sequenceNumber(), context, handler);
    }

    /**
     * Processes a DynamoDB Streams batch in order.
     *
     * @param event the event
     * @param context the Lambda context; null for no deadline
     * @param handler the work for one record
     * @return empty on success, else the sequence number of the first record not done
     */
    public BatchResponse processDynamoDbStream(DynamoDbStreamEvent event, Context context,
            RecordHandler<DynamoDbStreamEvent.Record> handler) {
        Objects.requireNonNull(event, "event");
        return process(event.records(), r -> r.dynamodb().sequenceNumber(), context, handler);
    }

    private <R> BatchResponse process(List<R> records, Function<R, String> sequenceNumber, Context context,
            RecordHandler<R> handler) {
        Objects.requireNonNull(handler, "handler");
        Invocation invocation = Invocation.of(context);
        try (MdcScope mdc = MdcScope.open(invocation)) {
            for (R record : records) {
                if (invocation.timeLeftNanos(safetyMarginNanos) <= 0) {
                    return BatchResponse.failed(List.of(sequenceNumber.apply(record)));
                }
                try {
                    handler.handle(record, context);
                } catch (Throwable e) {
                    // Escaping would fail the invocation and Lambda would retry the records before this one too.
                    // As for SQS: the exception's message may quote the record, so WARN names its type only.
                    if (LOG.isWarnEnabled()) {
                        LOG.warn("stream record {} failed; the batch stops here and Lambda retries from it: {}",
                                sequenceNumber.apply(record), e.getClass().getName());
                    }
                    LOG.debug("stream record {} failed", sequenceNumber.apply(record), e);
                    return BatchResponse.failed(List.of(sequenceNumber.apply(record)));
                }
            }
            return BatchResponse.allSucceeded();
        }
    }

    /** Builds a {@link StreamBatchProcessor}. */
    public static final class Builder {
        private Duration safetyMargin = Duration.ofSeconds(1);

        private Builder() {}

        /**
         * Time kept free before the Lambda deadline for returning the response.
         *
         * @param safetyMargin zero or more
         * @return this builder
         * @throws IllegalArgumentException when negative
         */
        public Builder safetyMargin(Duration safetyMargin) {
            Objects.requireNonNull(safetyMargin, "safetyMargin");
            if (safetyMargin.isNegative()) {
                throw new IllegalArgumentException("safetyMargin must not be negative, was " + safetyMargin);
            }
            this.safetyMargin = safetyMargin;
            return this;
        }

        /**
         * Builds the processor.
         *
         * @return the processor
         */
        public StreamBatchProcessor build() {
            return new StreamBatchProcessor(this);
        }
    }
}
