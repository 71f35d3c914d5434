/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.examples.nightlyreplay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.serverless4j.examples.Lambda;
import io.serverless4j.testing.TestLambdaContext;
import io.serverless4j.examples.QueueFixture;
import io.serverless4j.testing.LocalAws;
import io.serverless4j.testing.LocalEventBridge;
import io.serverless4j.testing.events.EventBridgeEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/** The nightly job invoked with a scheduled event as Lambda does, against two DLQs on ElasticMQ. */
@ExtendWith(LocalAws.class)
class NightlyDlqReplayIT {

    private static final Instant NIGHT = Instant.parse("2026-03-01T02:00:00Z");

    private SqsClient sqs;
    private EventBridgeClient eventBridge;
    private LocalEventBridge events;
    private QueueFixture orders;
    private QueueFixture payments;

    @BeforeEach
    void setUp(SqsClient sqs, EventBridgeClient eventBridge, LocalEventBridge events) {
        this.sqs = sqs;
        this.eventBridge = eventBridge;
        this.events = events;
        events.reset();
        orders = QueueFixture.create(sqs, "orders", 3, Duration.ofSeconds(30));
        payments = QueueFixture.create(sqs, "payments", 3, Duration.ofSeconds(30));
    }

    private NightlyDlqReplayHandler handler() {
        return new NightlyDlqReplayHandler(sqs, eventBridge, "ops-bus", NightlyDlqReplayHandler.Route.parse(
                orders.dlqUrl() + "=" + orders.queueUrl() + ", " + payments.dlqUrl() + "=" + payments.queueUrl()));
    }

    private JsonNode runAtNight() {
        return Lambda.invoke(handler(), EventBridgeEvents.scheduled(NIGHT, "nightly-dlq-replay"),
                TestLambdaContext.withRemainingTime(Duration.ofSeconds(60)).withFunctionName("nightly-dlq-replay"));
    }

    private void sendToDlq(String dlqUrl, String body, Map<String, MessageAttributeValue> attributes) {
        sqs.sendMessage(b -> b.queueUrl(dlqUrl).messageBody(body).messageAttributes(attributes));
    }

    private List<PutEventsRequestEntry> reports() {
        return events.receivedEntries().stream().filter(e -> e.detailType().equals("DlqReplayReport")).toList();
    }

    @Test
    void movesEveryDlqBackToItsQueueAndPublishesOneReport() {
        for (int i = 1; i <= 3; i++) {
            sendToDlq(orders.dlqUrl(), "{\"orderId\":\"o-" + i + "\"}", Map.of());
        }
        sendToDlq(payments.dlqUrl(), "{\"paymentId\":\"p-1\"}", Map.of());

        JsonNode summary = runAtNight();

        assertThat(summary.path("allMoved").asBoolean()).isTrue();
        assertThat(summary.path("rule").asText()).isEqualTo("nightly-dlq-replay");
        assertThat(summary.path("queues")).hasSize(2);
        assertThat(summary.path("queues").get(0).path("moved").asLong()).isEqualTo(3);
        assertThat(summary.path("queues").get(0).path("stopReason").asText()).isEqualTo("EMPTY");
        assertThat(summary.path("queues").get(1).path("moved").asLong()).isEqualTo(1);

        List<Message> back = orders.receive(orders.queueUrl(), Duration.ofSeconds(1));
        assertThat(back).extracting(Message::body).containsExactlyInAnyOrder("{\"orderId\":\"o-1\"}",
                "{\"orderId\":\"o-2\"}", "{\"orderId\":\"o-3\"}");
        // The original message id travels with the message, for consumers keyed on it.
        assertThat(back).allSatisfy(m -> assertThat(m.messageAttributes())
                .containsKeys("serverless4j-original-message-id", "serverless4j-replay-count"));
        assertThat(payments.receive(payments.queueUrl(), Duration.ofSeconds(1))).hasSize(1);
        assertThat(orders.receive(orders.dlqUrl(), Duration.ZERO)).isEmpty();

        assertThat(reports()).singleElement().satisfies(entry -> {
            assertThat(entry.source()).isEqualTo(NightlyDlqReplayHandler.EVENT_SOURCE);
            assertThat(entry.eventBusName()).isEqualTo("ops-bus");
            assertThat(Lambda.parse(entry.detail())).isEqualTo(summary);
        });
    }

    @Test
    void leavesAMessageReplayedTooOftenInItsDlqAndReportsIt() {
        sendToDlq(orders.dlqUrl(), "{\"orderId\":\"o-tired\"}", Map.of("serverless4j-replay-count",
                MessageAttributeValue.builder().dataType("Number").stringValue("3").build()));
        sendToDlq(orders.dlqUrl(), "{\"orderId\":\"o-fresh\"}", Map.of());

        JsonNode summary = runAtNight();

        JsonNode ordersQueue = summary.path("queues").get(0);
        assertThat(summary.path("allMoved").asBoolean()).isFalse();
        assertThat(ordersQueue.path("moved").asLong()).isEqualTo(1);
        assertThat(ordersQueue.path("keptOverReplayLimit").asInt()).isEqualTo(1);
        assertThat(ordersQueue.path("problems").get(0).asText()).contains("replayed 3 times");
        assertThat(orders.receive(orders.queueUrl(), Duration.ofSeconds(1))).extracting(Message::body)
                .containsExactly("{\"orderId\":\"o-fresh\"}");
        assertThat(orders.receive(orders.dlqUrl(), Duration.ofSeconds(1))).extracting(Message::body)
                .containsExactly("{\"orderId\":\"o-tired\"}");
        assertThat(reports()).singleElement()
                .satisfies(entry -> assertThat(Lambda.parse(entry.detail()).path("allMoved").asBoolean()).isFalse());
    }

    @Test
    void reportsADlqThatDoesNotExistAndStillReplaysTheOthers() {
        sendToDlq(payments.dlqUrl(), "{\"paymentId\":\"p-1\"}", Map.of());
        String missing = orders.dlqUrl() + "-gone";
        NightlyDlqReplayHandler handler = new NightlyDlqReplayHandler(sqs, eventBridge, "ops-bus",
                NightlyDlqReplayHandler.Route.parse(missing + "=" + orders.queueUrl() + ","
                        + payments.dlqUrl() + "=" + payments.queueUrl()));

        JsonNode summary = Lambda.invoke(handler, EventBridgeEvents.scheduled(NIGHT, "nightly-dlq-replay"),
                TestLambdaContext.withRemainingTime(Duration.ofSeconds(60)).withFunctionName("nightly-dlq-replay"));

        assertThat(summary.path("allMoved").asBoolean()).isFalse();
        assertThat(summary.path("queues").get(0).path("stopReason").asText()).isIn("ERROR", "ABORTED");
        assertThat(summary.path("queues").get(0).path("problems")).isNotEmpty();
        assertThat(summary.path("queues").get(1).path("moved").asLong()).isEqualTo(1);
        assertThat(reports()).hasSize(1);
    }
}
