/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.serverless4j.events.sns.SnsEvent;
import io.serverless4j.events.sns.SnsMessageAttribute;
import io.serverless4j.events.sns.SnsNotification;
import io.serverless4j.events.sqs.SqsEvent;
import io.serverless4j.events.sqs.SqsMessage;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SnsEventTest {

    record Order(String orderId, int quantity) {
    }

    @Test
    void parsesTheDocumentedSnsEvent() {
        SnsEvent event = Events.parse(Fixtures.read("sns-event.json"), SnsEvent.class);
        SnsEvent.Record record = event.records().get(0);
        assertThat(record.eventSource()).isEqualTo("aws:sns");
        assertThat(record.eventVersion()).isEqualTo("1.0");
        assertThat(record.eventSubscriptionArn()).endsWith(":21be56ed-a058-49f5-8c98-aedd2564c486");
        SnsNotification sns = record.sns();
        assertThat(sns.messageId()).isEqualTo("95df01b4-ee98-5cb9-9903-4c221d41eb5e");
        assertThat(sns.topicArn()).isEqualTo("arn:aws:sns:us-east-2:123456789012:sns-lambda");
        assertThat(sns.subject()).isEqualTo("TestInvoke");
        assertThat(sns.type()).isEqualTo("Notification");
        assertThat(sns.timestamp()).isEqualTo(Instant.parse("2019-01-02T12:45:07Z"));
        assertThat(sns.signingCertUrl()).endsWith(".pem");
        assertThat(sns.unsubscribeUrl()).contains("Action=Unsubscribe");
        assertThat(sns.messageAttributes()).containsEntry("Test", new SnsMessageAttribute("String", "TestString"));
        assertThat(sns.body(Order.class)).isEqualTo(new Order("o-42", 3));
    }

    @Test
    void unwrapsTheSnsEnvelopeOfAMessageDeliveredThroughSqs() {
        SqsMessage message = Events.parse(Fixtures.read("sns-via-sqs-event.json"), SqsEvent.class).records().get(0);
        SnsNotification sns = message.snsNotification().orElseThrow();
        assertThat(sns.messageId()).isEqualTo("a1b2c3d4-5678-90ab-cdef-EXAMPLE11111");
        assertThat(sns.topicArn()).isEqualTo("arn:aws:sns:us-east-2:123456789012:orders");
        assertThat(sns.subject()).isEqualTo("New order");
        assertThat(sns.timestamp()).isEqualTo(Instant.parse("2023-05-02T00:54:06.655Z"));
        // The envelope spells these ...URL; the Lambda SNS event ...Url. Both land in the same component.
        assertThat(sns.signingCertUrl()).endsWith("f3ecfb7224c7233fe7bb5f59f96de52f.pem");
        assertThat(sns.unsubscribeUrl()).contains("SubscriptionArn=");
        assertThat(sns.messageAttributes().get("tenant").value()).isEqualTo("acme");
        assertThat(sns.body(Order.class)).isEqualTo(new Order("o-7", 2));
    }

    @Test
    void tellsARawDeliveredMessageApartFromAnEnvelope() {
        SqsMessage raw = Events.parse(Fixtures.read("sns-via-sqs-event.json"), SqsEvent.class).records().get(1);
        assertThat(raw.snsNotification()).isEmpty();
        assertThat(raw.body(Order.class)).isEqualTo(new Order("o-8", 1));
        assertThat(raw.messageAttributes().get("tenant").stringValue()).isEqualTo("acme");
    }

    @Test
    void rejectsAnEnvelopeWithAWronglyTypedField() {
        String body = "{\"Type\":\"Notification\",\"MessageId\":\"n-1\",\"TopicArn\":\"arn:t\",\"Message\":\"m\","
                + "\"Timestamp\":17}";
        SqsMessage message = new SqsMessage("m-9", "rh", body, null, null, null, null, null, null, null);
        assertThatThrownBy(message::snsNotification)
                .isInstanceOf(EventParseException.class)
                .hasMessage("SqsMessage m-9 body as SnsNotification: Timestamp: expected an ISO-8601 timestamp "
                        + "string, found a number");
    }

    @Test
    void treatsJsonWithoutTheEnvelopeFieldsAsARawMessage() {
        SqsMessage message = new SqsMessage("m", "rh", "{\"TopicArn\": \"x\", \"orderId\": \"o\"}", null, null, null,
                null, null, null, null);
        assertThat(message.snsNotification()).isEmpty();
    }
}
