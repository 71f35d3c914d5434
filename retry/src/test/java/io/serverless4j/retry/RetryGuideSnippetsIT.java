/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.retry;

import io.serverless4j.testing.TestLambdaContext;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import io.serverless4j.events.BatchResponse;
import io.serverless4j.events.sqs.SqsEvent;
import io.serverless4j.idempotency.Idempotency;
import io.serverless4j.idempotency.InMemoryIdempotencyStore;
import io.serverless4j.testing.LocalAws;
import io.serverless4j.testing.events.SqsEvents;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/** The snippets of docs/retry.md, compiled and run. Keep the two in step. */
@ExtendWith(LocalAws.class)
class RetryGuideSnippetsIT {

    record Order(String orderId, int total) {}

    /** Snippet "retry and publish": the guide's first example. */
    static final class OrderService {
        static final DeadlineRetry RETRY = DeadlineRetry.builder().maxAttempts(5).build();

        private final EventBridgePublisher events;
        private final List<Order> saved = new ArrayList<>();

        OrderService(EventBridgeClient eventBridge) {
            this.events = EventBridgePublisher.builder().client(eventBridge).build();
        }

        PublishReport accept(Order order, Context context) {
            RETRY.run(context, () -> saved.add(order));
            return events.publish(context, List.of(EventBridgeEntry.of("shop.orders", "OrderAccepted", order)));
        }
    }

    /** Snippet "idempotent SQS records": a batch processor whose records run at most once per message. */
    static final class OrderWorker {
        static final Idempotency IDEMPOTENCY = Idempotency.builder()
                .store(new InMemoryIdempotencyStore()) // DynamoDbIdempotencyStore in production
                .keyPrefix("order-worker").expiry(Duration.ofHours(1)).build();
        static final SqsBatchProcessor BATCH = SqsBatchProcessor.builder()
                .decorator((message, context, next) -> IDEMPOTENCY.execute(message.messageId(), message.body(),
                        context, Boolean.class, () -> {
                            try {
                                next.handle(message, context);
                            } catch (RuntimeException e) {
                                throw e;
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                            return Boolean.TRUE;
                        }))
                .build();

        final List<String> processed = new ArrayList<>();

        BatchResponse handle(SqsEvent event, Context context) {
            return BATCH.process(event, context, (message, ctx) -> processed.add(message.body())).response();
        }
    }

    @Test
    void retryAndPublish(EventBridgeClient eventBridge) {
        LocalAws.eventBridge().reset();
        PublishReport report = new OrderService(eventBridge).accept(new Order("o-1", 42),
                TestLambdaContext.onFakeClock(Duration.ofSeconds(30)));
        assertThat(report.allPublished()).isTrue();
        assertThat(LocalAws.eventBridge().receivedEntries()).singleElement()
                .satisfies(e -> assertThat(e.detail()).isEqualTo("{\"orderId\":\"o-1\",\"total\":42}"));
    }

    @Test
    void idempotentSqsRecordsRunOncePerMessageEvenWhenTheBatchIsRedelivered() {
        OrderWorker worker = new OrderWorker();
        SqsEvent batch = SqsEvents.of("first", "second");
        TestLambdaContext context = TestLambdaContext.onFakeClock(Duration.ofSeconds(30));

        assertThat(worker.handle(batch, context).batchItemFailures()).isEmpty();
        assertThat(worker.handle(batch, context).batchItemFailures()).isEmpty();

        assertThat(worker.processed).containsExactly("first", "second");
    }
}
