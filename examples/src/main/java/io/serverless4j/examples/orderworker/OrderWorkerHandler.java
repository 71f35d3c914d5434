/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.examples.orderworker;

import com.amazonaws.services.lambda.runtime.Context;
import io.serverless4j.events.BatchResponse;
import io.serverless4j.events.SqsHandler;
import io.serverless4j.events.sqs.SqsEvent;
import io.serverless4j.events.sqs.SqsMessage;
import io.serverless4j.idempotency.DynamoDbIdempotencyStore;
import io.serverless4j.idempotency.Idempotency;
import io.serverless4j.idempotency.PayloadValidation;
import io.serverless4j.retry.Backoff;
import io.serverless4j.messaging.EventBridgeEntry;
import io.serverless4j.messaging.EventBridgePublisher;
import io.serverless4j.messaging.PublishReport;
import io.serverless4j.batch.SqsBatchProcessor;
import io.serverless4j.batch.SqsBatchResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Accepts orders from an SQS queue: each record once per order id (idempotency keyed on {@code orderId}), an
 * {@code OrderAccepted} event to EventBridge for each, and only the failed records reported back
 * ({@code ReportBatchItemFailures}). A failed record comes back after an exponential redelivery backoff
 * (ChangeMessageVisibility from its receive count) and, after the queue's {@code maxReceiveCount}, moves to the DLQ.
 *
 * <p>Environment: {@code IDEMPOTENCY_TABLE}, {@code EVENT_BUS_NAME}, optional {@code REDELIVERY_BASE_SECONDS}
 * (default 30; doubled per receive, at most 12 hours). Built once per execution environment; tests use the
 * package-private constructor. Thread-safe.
 */
public final class OrderWorkerHandler extends SqsHandler {

    /** The {@code source} of the events this worker publishes. */
    static final String EVENT_SOURCE = "serverless4j.examples.orders";
    /** Names this use of the idempotency table. */
    static final String KEY_PREFIX = "order-worker.accept";

    private static final Logger LOG = LoggerFactory.getLogger(OrderWorkerHandler.class);

    /** What the Lambda runtime uses: built on the first invocation, once per execution environment. */
    private static final class FromEnvironment {
        static final SqsClient SQS = SqsClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        static final DynamoDbClient DYNAMO_DB = DynamoDbClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        static final EventBridgeClient EVENT_BRIDGE = EventBridgeClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        static final OrderWorkerHandler HANDLER = new OrderWorkerHandler(SQS, DYNAMO_DB, EVENT_BRIDGE,
                requiredEnv("IDEMPOTENCY_TABLE"), requiredEnv("EVENT_BUS_NAME"),
                Backoff.exponential(Duration.ofSeconds(Long.parseLong(
                        Objects.requireNonNullElse(System.getenv("REDELIVERY_BASE_SECONDS"), "30"))),
                        SqsBatchProcessor.MAX_VISIBILITY_TIMEOUT));
    }

    private final Idempotency idempotency;
    private final EventBridgePublisher events;
    private final SqsBatchProcessor batch;
    private final Clock clock = Clock.systemUTC();

    /** The constructor the Lambda runtime calls: configuration from the environment. */
    public OrderWorkerHandler() {
        this(FromEnvironment.HANDLER);
    }

    private OrderWorkerHandler(OrderWorkerHandler configured) {
        this.idempotency = configured.idempotency;
        this.events = configured.events;
        this.batch = configured.batch;
    }

    /**
     * For tests and the local demo.
     *
     * @param sqs the client for redelivery backoff (ChangeMessageVisibility)
     * @param dynamoDb the client for the idempotency table
     * @param eventBridge the client for PutEvents
     * @param idempotencyTable the idempotency table
     * @param eventBusName the bus {@code OrderAccepted} goes to
     * @param redeliveryBackoff how long a failed record stays invisible, by its receive count
     */
    public OrderWorkerHandler(SqsClient sqs, DynamoDbClient dynamoDb, EventBridgeClient eventBridge, String idempotencyTable,
            String eventBusName, Backoff redeliveryBackoff) {
        this.idempotency = Idempotency.builder()
                .store(DynamoDbIdempotencyStore.builder().dynamoDbClient(dynamoDb).tableName(idempotencyTable).build())
                .keyPrefix(KEY_PREFIX)
                .expiry(Duration.ofDays(7)) // longer than the queue's retention plus a DLQ replay
                .payloadValidation(PayloadValidation.wholePayload())
                .build();
        this.events = EventBridgePublisher.builder().eventBridgeClient(eventBridge).eventBusName(eventBusName).build();
        this.batch = SqsBatchProcessor.builder()
                .sqsClient(sqs)
                .redeliveryBackoff(redeliveryBackoff)
                // Per-record idempotency on the business key: a message sent twice, redelivered after a timeout or
                // replayed from the DLQ (a new messageId each time) is accepted once.
                .decorator((message, context, next) -> {
                    OrderMessage order = parse(message);
                    idempotency.execute(order.orderId(), order, context, next);
                })
                .build();
    }

    @Override
    protected BatchResponse handle(SqsEvent event, Context context) {
        SqsBatchResult result = batch.process(event, context, (message, ctx) -> accept(parse(message), ctx));
        // SqsBatchProcessor already logs each failed record with its cause.
        LOG.info("batch done: records={} failed={}", result.size(), result.failed().size());
        return result.response();
    }

    private void accept(OrderMessage order, Context context) {
        int units = order.items().stream().mapToInt(i -> i.quantity() == null ? 0 : i.quantity()).sum();
        PublishReport report = events.publish(List.of(EventBridgeEntry.of(EVENT_SOURCE, "OrderAccepted",
                new OrderAccepted(order.orderId(), order.customerId(), units, Instant.now(clock).toString()))), context);
        if (!report.allSucceeded()) {
            PublishReport.FailedEntry failed = report.failed().get(0);
            // Throwing releases the idempotency key, so the redelivery publishes again.
            throw new IllegalStateException("OrderAccepted for order " + order.orderId() + " was not published: "
                    + failed.errorCode() + " after " + failed.attempts() + " attempts");
        }
    }

    private static OrderMessage parse(SqsMessage message) {
        OrderMessage order = message.body(OrderMessage.class);
        order.validate();
        return order;
    }

    private static String requiredEnv(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is not set; the SAM template sets it");
        }
        return value;
    }
}
