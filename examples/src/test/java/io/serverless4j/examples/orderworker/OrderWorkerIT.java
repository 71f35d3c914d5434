/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.examples.orderworker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.serverless4j.examples.Lambda;
import io.serverless4j.testing.TestLambdaContext;
import io.serverless4j.examples.QueueFixture;
import io.serverless4j.retry.Backoff;
import io.serverless4j.testing.LocalAws;
import io.serverless4j.testing.LocalDynamoDb;
import io.serverless4j.testing.LocalEventBridge;
import io.serverless4j.testing.events.SqsEvents;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The order worker fed by a stand-in for the SQS event source mapping: real messages received from ElasticMQ
 * (with a redrive policy to a DLQ), turned into the Lambda event, failures really redelivered; idempotency on
 * dynalite; OrderAccepted entries recorded by the local EventBridge.
 */
@ExtendWith(LocalAws.class)
class OrderWorkerIT {

    private static final String IDEMPOTENCY = "worker-idempotency-" + UUID.randomUUID();
    private static final String BUS = "orders-bus";
    private static DynamoDbClient setup;

    private SqsClient sqs;
    private DynamoDbClient dynamoDb;
    private EventBridgeClient eventBridge;
    private LocalEventBridge events;
    private QueueFixture queue;

    @BeforeAll
    static void createTable() {
        setup = LocalAws.dynamoDb().newClient();
        LocalDynamoDb.createTableAndWait(setup, IDEMPOTENCY, "id");
    }

    @AfterAll
    static void closeSetupClient() {
        setup.close();
    }

    @BeforeEach
    void setUp(SqsClient sqs, DynamoDbClient dynamoDb, EventBridgeClient eventBridge, LocalEventBridge events) {
        this.sqs = sqs;
        this.dynamoDb = dynamoDb;
        this.eventBridge = eventBridge;
        this.events = events;
        events.reset();
        queue = QueueFixture.create(sqs, "orders", 3, Duration.ofSeconds(1));
    }

    private OrderWorkerHandler worker(Backoff redeliveryBackoff) {
        return new OrderWorkerHandler(sqs, dynamoDb, eventBridge, IDEMPOTENCY, BUS, redeliveryBackoff);
    }

    private static String order(String orderId) {
        return "{\"orderId\":\"" + orderId + "\",\"customerId\":\"c-1\",\"items\":[{\"sku\":\"sku-1\",\"quantity\":2},"
                + "{\"sku\":\"sku-2\",\"quantity\":1}]}";
    }

    private List<JsonNode> acceptedEvents(String orderId) {
        return events.receivedEntries().stream()
                .filter(e -> e.detailType().equals("OrderAccepted"))
                .map(e -> Lambda.parse(e.detail()))
                .filter(d -> d.path("orderId").asText().equals(orderId))
                .toList();
    }

    @Test
    void acceptsEveryGoodRecordAndReportsOnlyTheBadOneAsFailed() {
        String a = "o-" + UUID.randomUUID();
        String b = "o-" + UUID.randomUUID();
        queue.send(order(a));
        String poison = queue.send("{\"orderId\":\"o-poison\",\"items\":[]}");
        queue.send(order(b));
        OrderWorkerHandler worker = worker(Backoff.exponential(Duration.ofSeconds(1), Duration.ofSeconds(1)));

        QueueFixture.Delivery delivery = queue.deliver(worker, Duration.ofSeconds(1));

        assertThat(delivery.messages()).hasSize(3);
        assertThat(delivery.failedIds()).containsExactly(poison);
        assertThat(acceptedEvents(a)).singleElement().satisfies(d -> {
            assertThat(d.path("customerId").asText()).isEqualTo("c-1");
            assertThat(d.path("itemCount").asInt()).isEqualTo(3);
        });
        assertThat(acceptedEvents(b)).hasSize(1);
        assertThat(events.receivedEntries()).allSatisfy(e -> {
            assertThat(e.source()).isEqualTo(OrderWorkerHandler.EVENT_SOURCE);
            assertThat(e.eventBusName()).isEqualTo(BUS);
        });
    }

    @Test
    void acceptsAnOrderOnceWhenItIsSentTwiceAndWhenItsBatchIsRedeliveredAfterACrash() throws Exception {
        String orderId = "o-" + UUID.randomUUID();
        queue.send(order(orderId));
        queue.send(order(orderId)); // the producer retried its send
        OrderWorkerHandler worker = worker(Backoff.exponential(Duration.ofSeconds(1), Duration.ofSeconds(1)));

        // First delivery: the function runs, but "crashes" before the mapping deletes anything (e.g. a timeout).
        List<Message> received = queue.receive(queue.queueUrl(), Duration.ofSeconds(1));
        assertThat(received).hasSize(2);
        Lambda.invoke(worker, SqsEvents.fromReceived(received, queue.queueArn()),
                TestLambdaContext.withRemainingTime(Duration.ofSeconds(30)).withFunctionName("order-worker"));
        assertThat(acceptedEvents(orderId)).hasSize(1);

        // After the visibility timeout SQS delivers both again, to a new execution environment.
        Thread.sleep(1_100);
        QueueFixture.Delivery redelivery = queue.deliver(
                worker(Backoff.exponential(Duration.ofSeconds(1), Duration.ofSeconds(1))), Duration.ofSeconds(3));

        assertThat(redelivery.messages()).hasSize(2)
                .allSatisfy(m -> assertThat(m.attributesAsStrings().get("ApproximateReceiveCount")).isEqualTo("2"));
        assertThat(redelivery.failedIds()).isEmpty();
        assertThat(acceptedEvents(orderId)).hasSize(1);
        assertThat(queue.receive(queue.queueUrl(), Duration.ZERO)).isEmpty();
    }

    @Test
    void retriesAFailedPublishAfterTheRedeliveryBackoffAndPublishesOnce() throws Exception {
        String orderId = "o-" + UUID.randomUUID();
        String messageId = queue.send(order(orderId));
        // EventBridge refuses this order's event once, with an error that is not worth retrying at once.
        events.rejectEntries(e -> e.detail().contains(orderId), 1, "NotAuthorizedForSourceException", "not now");
        OrderWorkerHandler worker = worker(Backoff.exponential(Duration.ofSeconds(3), Duration.ofSeconds(3)));

        QueueFixture.Delivery first = queue.deliver(worker, Duration.ofSeconds(1));
        assertThat(first.failedIds()).containsExactly(messageId);
        assertThat(acceptedEvents(orderId)).isEmpty();

        // The queue's own visibility timeout is 1 s; the backoff keeps the record away for 3 s.
        Thread.sleep(1_500);
        assertThat(queue.receive(queue.queueUrl(), Duration.ZERO)).isEmpty();

        QueueFixture.Delivery second = queue.deliver(worker, Duration.ofSeconds(3));
        assertThat(second.messages()).extracting(Message::messageId).containsExactly(messageId);
        assertThat(second.failedIds()).isEmpty();
        assertThat(acceptedEvents(orderId)).hasSize(1);
    }

    @Test
    void movesAMessageThatAlwaysFailsToTheDlqAfterMaxReceiveCount() {
        String poison = queue.send("{\"customerId\":\"c-1\"}");
        OrderWorkerHandler worker = worker(Backoff.exponential(Duration.ofSeconds(1), Duration.ofSeconds(1)));

        for (int delivery = 1; delivery <= 3; delivery++) {
            assertThat(queue.deliver(worker, Duration.ofSeconds(3)).failedIds()).containsExactly(poison);
        }

        assertThat(queue.receive(queue.queueUrl(), Duration.ofSeconds(2))).isEmpty();
        assertThat(queue.receive(queue.dlqUrl(), Duration.ofSeconds(1)))
                .singleElement().satisfies(m -> assertThat(m.body()).isEqualTo("{\"customerId\":\"c-1\"}"));
        assertThat(events.receivedEntries()).isEmpty();
    }
}
