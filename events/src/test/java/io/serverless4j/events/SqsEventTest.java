/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import io.serverless4j.events.sqs.SqsEvent;
import io.serverless4j.events.sqs.SqsMessage;
import io.serverless4j.events.sqs.SqsMessageAttribute;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SqsEventTest {

    record Order(String orderId, int quantity) {
    }

    private final SqsEvent event = Events.parse(Fixtures.read("sqs-event.json"), SqsEvent.class);

    @Test
    void parsesAllTenRecordsOfTheDocumentedShape() {
        assertThat(event.records()).hasSize(10);
        SqsMessage first = event.records().get(0);
        assertThat(first.messageId()).isEqualTo("059f36b4-87a3-44ab-83d2-661975830000");
        assertThat(first.receiptHandle()).startsWith("AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a0");
        assertThat(first.body()).isEqualTo("{\"orderId\": \"o-1\", \"quantity\": 1}");
        assertThat(first.md5OfBody()).isEqualTo("e4e68fb7bd0e697a0ae8f1bb342846b3");
        assertThat(first.eventSource()).isEqualTo("aws:sqs");
        assertThat(first.eventSourceArn()).isEqualTo("arn:aws:sqs:us-east-2:123456789012:my-queue");
        assertThat(first.awsRegion()).isEqualTo("us-east-2");
        assertThat(first.attributes()).containsEntry("SenderId", "AIDAIENQZJOLO23YVJ4VO");
    }

    @Test
    void exposesSystemAttributesAsTypedValues() {
        SqsMessage third = event.records().get(2);
        assertThat(third.approximateReceiveCount()).isEqualTo(3);
        assertThat(third.sentTimestamp()).isEqualTo(Instant.ofEpochMilli(1545082649185L));
        assertThat(third.approximateFirstReceiveTimestamp()).isEqualTo(Instant.ofEpochMilli(1545082649187L));
        assertThat(third.messageGroupId()).isEmpty();
    }

    @Test
    void exposesMessageAttributesWithTheirDataTypeAndDecodedBinaryValue() {
        Map<String, SqsMessageAttribute> attributes = event.records().get(3).messageAttributes();
        assertThat(attributes.get("priority").dataType()).isEqualTo("String");
        assertThat(attributes.get("priority").stringValue()).isEqualTo("high");
        assertThat(attributes.get("retries").dataType()).isEqualTo("Number");
        assertThat(attributes.get("checksum").binaryValue()).containsExactly(1, 2, 3);
        assertThat(attributes.get("checksum").base64BinaryValue()).isEqualTo("AQID");
        assertThat(attributes.get("priority").binaryValue()).isNull();
    }

    @Test
    void readsFifoGroupAndDeduplicationIds() {
        SqsMessage message = Events.parse(Fixtures.read("sqs-fifo-event.json"), SqsEvent.class).records().get(0);
        assertThat(message.messageGroupId()).contains("1");
        assertThat(message.messageDeduplicationId()).contains("1");
        assertThat(message.attributes()).containsEntry("SequenceNumber", "18849496460467696128");
    }

    @Test
    void bindsTheBodyToARecordOrAGenericType() {
        SqsMessage message = event.records().get(4);
        assertThat(message.body(Order.class)).isEqualTo(new Order("o-5", 5));
        Map<String, Object> asMap = message.body(new TypeReference<Map<String, Object>>() { });
        assertThat(asMap).containsEntry("orderId", "o-5").containsEntry("quantity", 5);
    }

    @Test
    void reportsABodyThatDoesNotFitTheTypeWithTheMessageIdAndPath() {
        SqsMessage message = new SqsMessage("m-1", "rh", "{\"orderId\": 7, \"quantity\": 1}", null, null, null, null,
                null, null, null);
        assertThatThrownBy(() -> message.body(Order.class))
                .isInstanceOf(EventParseException.class)
                .hasMessage("SqsMessage m-1 body as Order: orderId: expected a string, found a number");
    }

    @Test
    void hasNoSnsNotificationForARawBody() {
        assertThat(event.records().get(0).snsNotification()).isEmpty();
        SqsMessage plain = new SqsMessage("m", "rh", "just text", null, null, null, null, null, null, null);
        assertThat(plain.snsNotification()).isEmpty();
    }

    @Test
    void collectionsAreEmptyRatherThanNullAndCannotBeModified() {
        SqsMessage message = new SqsMessage("m", "rh", "b", null, null, null, null, null, null, null);
        assertThat(message.attributes()).isEmpty();
        assertThat(message.messageAttributes()).isEmpty();
        assertThat(message.approximateReceiveCount()).isZero();
        assertThat(message.sentTimestamp()).isNull();
        assertThatThrownBy(() -> message.attributes().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(new SqsEvent(null).records()).isEmpty();
    }

    @Test
    void copiesCollectionsSoLaterChangesToTheArgumentDoNotLeakIn() {
        java.util.List<SqsMessage> records = new java.util.ArrayList<>(event.records());
        SqsEvent copy = new SqsEvent(records);
        records.clear();
        assertThat(copy.records()).hasSize(10);
    }

    @Test
    void rejectsANullRequiredComponentWhenBuiltInCode() {
        assertThatThrownBy(() -> new SqsMessage("m", null, "b", null, null, null, null, null, null, null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("receiptHandle is required");
        assertThatThrownBy(() -> new SqsMessageAttribute(null, "v", null, null, null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("dataType is required");
    }

    @Test
    void rejectsANonNumericReceiveCount() {
        assertThatThrownBy(() -> new SqsMessage("m", "rh", "b", Map.of("ApproximateReceiveCount", "many"), null,
                null, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("attributes.ApproximateReceiveCount");
    }

    @Test
    void createsStringAttributes() {
        assertThat(SqsMessageAttribute.ofString("v"))
                .isEqualTo(new SqsMessageAttribute("String", "v", null, List.of(), List.of()));
    }

    @Test
    void theOriginalMessageIdIsTheReplayAttributeWhenSetElseTheMessageId() {
        SqsMessage first = new SqsMessage("m-2", "rh", "{}", Map.of(), Map.of(), null, null, "aws:sqs",
                "arn:aws:sqs:eu-west-1:000000000000:orders", "eu-west-1");
        SqsMessage replayed = new SqsMessage("m-9", "rh", "{}", Map.of(), Map.of(
                SqsMessage.ORIGINAL_MESSAGE_ID_ATTRIBUTE, SqsMessageAttribute.ofString("m-2")), null, null, "aws:sqs",
                "arn:aws:sqs:eu-west-1:000000000000:orders", "eu-west-1");

        assertThat(first.originalMessageId()).isEqualTo("m-2");
        assertThat(replayed.originalMessageId()).isEqualTo("m-2");
        assertThat(SqsMessage.ORIGINAL_MESSAGE_ID_ATTRIBUTE).isEqualTo("serverless4j-original-message-id");
    }
}
