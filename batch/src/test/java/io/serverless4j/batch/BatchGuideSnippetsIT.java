/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import io.serverless4j.events.BatchResponse;
import io.serverless4j.events.kinesis.KinesisEvent;
import io.serverless4j.events.sqs.SqsEvent;
import io.serverless4j.events.sqs.SqsMessage;
import io.serverless4j.events.sqs.SqsMessageAttribute;
import io.serverless4j.idempotency.Idempotency;
import io.serverless4j.idempotency.InMemoryIdempotencyStore;
import io.serverless4j.retry.Backoff;
import io.serverless4j.testing.LocalAws;
import io.serverless4j.testing.TestLambdaContext;
import io.serverless4j.testing.events.KinesisEvents;
import io.serverless4j.testing.events.SqsEvents;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The snippets of docs/batch.md, compiled and run. */
@ExtendWith(LocalAws.class)
class BatchGuideSnippetsIT {

    record Order(String orderId, int total) {}

    static final List<Order> ACCEPTED = Collections.synchronizedList(new ArrayList<>());

    static void accept(Order order) {
        if (order.total() < 0) {
            throw new IllegalArgumentException("negative total");
        }
        ACCEPTED.add(order);
    }

    // tag::worker[]
    public static final class OrderWorker {
        private static final SqsBatchProcessor BATCH = SqsBatchProcessor.builder().build();

        public BatchResponse handleRequest(SqsEvent event, Context context) {
            return BATCH.process(event, context, (message, ctx) -> accept(message.body(Order.class))).response();
        }
    }
    // end::worker[]

    @Test
    void theWorkerReportsOnlyTheRecordThatFailed() {
        SqsEvent event = SqsEvents.of("{\"orderId\":\"o-1\",\"total\":5}", "{\"orderId\":\"o-2\",\"total\":-1}");
        BatchResponse response = new OrderWorker().handleRequest(event,
                TestLambdaContext.onFakeClock(Duration.ofSeconds(30)));
        assertThat(response.batchItemFailures()).singleElement()
                .satisfies(f -> assertThat(f.itemIdentifier()).isEqualTo(event.records().get(1).messageId()));
    }

    @Test
    void aParallelProcessorWithRedeliveryBackoffBuildsAndRuns(SqsClient sqsClient) {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            // tag::configured[]
            SqsBatchProcessor batch = SqsBatchProcessor.builder()
                    .executor(pool)                         // records (FIFO: message groups) in parallel
                    .sqsClient(sqsClient)                   // for the redelivery backoff's calls
                    .redeliveryBackoff(Backoff.exponential(Duration.ofSeconds(30), Duration.ofHours(12)))
                    .safetyMargin(Duration.ofSeconds(2))    // answer 2 s before the Lambda deadline
                    .build();
            // end::configured[]
            SqsBatchResult result = batch.process(SqsEvents.of("{\"orderId\":\"o-3\",\"total\":1}"),
                    TestLambdaContext.onFakeClock(Duration.ofSeconds(30)), (m, c) -> accept(m.body(Order.class)));
            assertThat(result.allSucceeded()).isTrue();
        } finally {
            pool.shutdownNow();
        }
    }

    // tag::idempotent[]
    public static final class IdempotentOrderWorker {
        private static final Idempotency IDEMPOTENCY = Idempotency.builder()
                .store(new InMemoryIdempotencyStore()) // DynamoDbIdempotencyStore in production
                .keyPrefix("order-worker")
                .expiry(Duration.ofDays(7)) // longer than the queue's retention plus a DLQ replay
                .build();
        private static final SqsBatchProcessor BATCH = SqsBatchProcessor.builder()
                .decorator(IDEMPOTENCY::oncePerMessage) // keyed on the original message id: a DLQ replay runs once
                .build();

        public BatchResponse handleRequest(SqsEvent event, Context context) {
            return BATCH.process(event, context, (message, ctx) -> accept(message.body(Order.class))).response();
        }
    }
    // end::idempotent[]

    @Test
    void aMessageReplayedFromTheDlqIsNotProcessedAgain() {
        ACCEPTED.clear();
        SqsMessage first = SqsEvents.of("{\"orderId\":\"o-9\",\"total\":3}").records().get(0);
        SqsMessage replayed = new SqsMessage("replayed-" + first.messageId(), "another-receipt", first.body(),
                first.attributes(), Map.of(SqsMessage.ORIGINAL_MESSAGE_ID_ATTRIBUTE,
                        SqsMessageAttribute.ofString(first.messageId())), first.md5OfBody(), null, first.eventSource(),
                first.eventSourceArn(), first.awsRegion());
        IdempotentOrderWorker worker = new IdempotentOrderWorker();
        TestLambdaContext context = TestLambdaContext.onFakeClock(Duration.ofSeconds(30));

        assertThat(worker.handleRequest(new SqsEvent(List.of(first)), context).batchItemFailures()).isEmpty();
        assertThat(worker.handleRequest(new SqsEvent(List.of(replayed)), context).batchItemFailures()).isEmpty();

        assertThat(ACCEPTED).containsExactly(new Order("o-9", 3));
    }

    // tag::stream[]
    public static final class ClickIngester {
        private static final StreamBatchProcessor STREAM = StreamBatchProcessor.builder().build();
        private final List<String> clicks = new ArrayList<>();

        public BatchResponse handleRequest(KinesisEvent event, Context context) {
            return STREAM.processKinesis(event, context, (record, ctx) -> clicks.add(record.kinesis().dataAsString()));
        }
    }
    // end::stream[]

    @Test
    void theStreamIngesterTakesEveryRecordInOrder() {
        ClickIngester ingester = new ClickIngester();
        BatchResponse response = ingester.handleRequest(KinesisEvents.of("a", "b"),
                TestLambdaContext.onFakeClock(Duration.ofSeconds(30)));
        assertThat(response.batchItemFailures()).isEmpty();
        assertThat(ingester.clicks).containsExactly("a", "b");
    }
}
