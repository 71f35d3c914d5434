/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.testing.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.serverless4j.events.Events;
import io.serverless4j.events.apigateway.ApiGatewayV1ProxyEvent;
import io.serverless4j.events.apigateway.ApiGatewayV2HttpEvent;
import io.serverless4j.events.dynamodb.AttributeValue;
import io.serverless4j.events.dynamodb.DynamoDbStreamEvent;
import io.serverless4j.events.eventbridge.EventBridgeEvent;
import io.serverless4j.events.eventbridge.ScheduledEvent;
import io.serverless4j.events.kinesis.KinesisEvent;
import io.serverless4j.events.s3.S3Event;
import io.serverless4j.events.s3.S3ObjectEventDetail;
import io.serverless4j.events.sns.SnsEvent;
import io.serverless4j.events.sqs.SqsEvent;
import io.serverless4j.events.sqs.SqsMessage;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventBuildersTest {

    record Order(String orderId, int quantity) {
    }

    private static <T> void survivesARoundTrip(T event) {
        @SuppressWarnings("unchecked")
        Class<T> type = (Class<T>) event.getClass();
        assertThat(Events.parse(Events.write(event), type)).isEqualTo(event);
    }

    @Test
    void sqsEventsHaveUniqueIdsAndTheAttributesLambdaSends() {
        SqsEvent event = SqsEvents.of("body1", "body2");
        assertThat(event.records()).extracting(SqsMessage::body).containsExactly("body1", "body2");
        assertThat(event.records().get(0).messageId()).isNotEqualTo(event.records().get(1).messageId());
        SqsMessage first = event.records().get(0);
        assertThat(first.approximateReceiveCount()).isEqualTo(1);
        assertThat(first.sentTimestamp()).isBeforeOrEqualTo(Instant.now());
        assertThat(first.eventSourceArn()).isEqualTo(SqsEvents.QUEUE_ARN);
        assertThat(first.md5OfBody()).isEqualTo("d6ed8ba2adae5a938c5a3757bcccf4dd");
        assertThat(first.messageGroupId()).isEmpty();
        survivesARoundTrip(event);
    }

    @Test
    void fifoEventsCarryTheGroupAndIncreasingSequenceNumbers() {
        SqsEvent event = SqsEvents.fifo("customer-7", "a", "b");
        assertThat(event.records()).allSatisfy(m -> assertThat(m.messageGroupId()).contains("customer-7"));
        String first = event.records().get(0).attributes().get("SequenceNumber");
        String second = event.records().get(1).attributes().get("SequenceNumber");
        assertThat(first.compareTo(second)).isNegative();
        assertThat(event.records().get(0).eventSourceArn()).endsWith(".fifo");
        survivesARoundTrip(event);
    }

    @Test
    void snsThroughSqsBodiesUnwrapToTheirNotification() {
        SqsEvent event = SqsEvents.fromSns("arn:aws:sns:us-east-1:123456789012:orders", "{\"orderId\":\"o-1\","
                + "\"quantity\":2}");
        var sns = event.records().get(0).snsNotification().orElseThrow();
        assertThat(sns.topicArn()).isEqualTo("arn:aws:sns:us-east-1:123456789012:orders");
        assertThat(sns.body(Order.class)).isEqualTo(new Order("o-1", 2));
        assertThat(event.records().get(0).body()).contains("\"SigningCertURL\"").contains("\"UnsubscribeURL\"");
    }

    @Test
    void messagesCarryStringAttributes() {
        SqsMessage message = SqsEvents.message("b", Map.of("tenant", "acme"));
        assertThat(message.messageAttributes().get("tenant").stringValue()).isEqualTo("acme");
        assertThat(message.messageAttributes().get("tenant").dataType()).isEqualTo("String");
    }

    @Test
    void s3KeysAreEncodedLikeS3DoesAndDecodeBack() {
        S3Event event = S3Events.objectCreated("photos-bucket", "photos/my cat (copy).jpg");
        S3Event.Record record = event.records().get(0);
        assertThat(record.s3().object().rawKey()).isEqualTo("photos/my+cat+%28copy%29.jpg");
        assertThat(record.key()).isEqualTo("photos/my cat (copy).jpg");
        assertThat(record.bucketName()).isEqualTo("photos-bucket");
        assertThat(record.eventName()).isEqualTo("ObjectCreated:Put");
        assertThat(record.s3().object().size()).isEqualTo(1024L);
        survivesARoundTrip(event);

        S3Event removed = S3Events.objectRemoved("b", "\u20ac.txt");
        assertThat(removed.records().get(0).s3().object().rawKey()).isEqualTo("%E2%82%AC.txt");
        assertThat(removed.records().get(0).s3().object().size()).isNull();
    }

    @Test
    void eventBridgeObjectCreatedBindsToTheS3Detail() {
        EventBridgeEvent event = S3Events.eventBridgeObjectCreated("b", "in/a b.png", 42);
        S3ObjectEventDetail detail = event.detail(S3ObjectEventDetail.class);
        assertThat(detail.object().key()).isEqualTo("in/a b.png");
        assertThat(detail.object().size()).isEqualTo(42L);
        assertThat(event.resources()).containsExactly("arn:aws:s3:::b");
        survivesARoundTrip(event);
    }

    @Test
    void scheduledEventsNameTheirRule() {
        ScheduledEvent event = EventBridgeEvents.scheduled();
        assertThat(event.ruleName()).isEqualTo("test-schedule");
        assertThat(event.detailType()).isEqualTo("Scheduled Event");
        survivesARoundTrip(event);
        assertThat(EventBridgeEvents.scheduled(Instant.EPOCH, "nightly").ruleName()).isEqualTo("nightly");
    }

    @Test
    void customEventBridgeDetailsBindBack() {
        EventBridgeEvent event = EventBridgeEvents.of("com.example.shop", "OrderPlaced", new Order("o-3", 1));
        assertThat(event.detail(Order.class)).isEqualTo(new Order("o-3", 1));
        survivesARoundTrip(event);
    }

    @Test
    void httpApiRequestsCarryHeadersQueryAndJsonBody() {
        ApiGatewayV2HttpEvent request = ApiGatewayEvents.httpApi("post", "/orders")
                .header("Idempotency-Key", "k-1")
                .query("dryRun", "true")
                .pathParameter("tenant", "acme")
                .cookie("session=abc")
                .jsonBody(new Order("o-1", 2))
                .build();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.routeKey()).isEqualTo("POST /orders");
        assertThat(request.header("idempotency-key")).isEqualTo("k-1");
        assertThat(request.headers()).containsEntry("content-type", "application/json");
        assertThat(request.rawQueryString()).isEqualTo("dryRun=true");
        assertThat(request.cookies()).containsExactly("session=abc");
        assertThat(request.body(Order.class)).isEqualTo(new Order("o-1", 2));
        survivesARoundTrip(request);
    }

    @Test
    void httpApiRequestsCanCarryBinaryBodies() {
        ApiGatewayV2HttpEvent request = ApiGatewayEvents.httpApi("PUT", "/img").binaryBody(new byte[] {1, 2},
                "image/png").build();
        assertThat(request.base64Encoded()).isTrue();
        assertThat(request.bodyBytes()).containsExactly(1, 2);
    }

    @Test
    void restApiRequestsKeepSingleAndMultiValueMapsInStep() {
        ApiGatewayV1ProxyEvent request = ApiGatewayEvents.restApi("GET", "/orders/o-1")
                .header("Origin", "https://app.example.com")
                .query("fields", "id")
                .pathParameter("id", "o-1")
                .build();
        assertThat(request.httpMethod()).isEqualTo("GET");
        assertThat(request.header("origin")).isEqualTo("https://app.example.com");
        assertThat(request.multiValueHeaders().get("Origin")).containsExactly("https://app.example.com");
        assertThat(request.multiValueQueryStringParameters().get("fields")).containsExactly("id");
        assertThat(request.requestContext().path()).isEqualTo("/prod/orders/o-1");
        survivesARoundTrip(request);
    }

    @Test
    void snsKinesisAndDynamoDbEventsSurviveARoundTrip() {
        SnsEvent sns = SnsEvents.of("arn:aws:sns:us-east-1:123456789012:t", "hello");
        assertThat(sns.records().get(0).sns().message()).isEqualTo("hello");
        survivesARoundTrip(sns);

        KinesisEvent kinesis = KinesisEvents.of("{\"a\":1}", "two");
        assertThat(kinesis.records().get(1).kinesis().dataAsString()).isEqualTo("two");
        assertThat(kinesis.records().get(0).kinesis().sequenceNumber())
                .isLessThan(kinesis.records().get(1).kinesis().sequenceNumber());
        survivesARoundTrip(kinesis);

        Map<String, AttributeValue> key = Map.of("id", new AttributeValue.StringValue("o-1"));
        DynamoDbStreamEvent insert = DynamoDbStreamEvents.insert(key, Map.of("id",
                new AttributeValue.StringValue("o-1"), "qty", new AttributeValue.NumberValue("2")));
        assertThat(insert.records().get(0).eventName()).isEqualTo("INSERT");
        survivesARoundTrip(insert);
        assertThat(DynamoDbStreamEvents.remove(key, key).records().get(0).dynamodb().newImage()).isEmpty();
        assertThat(DynamoDbStreamEvents.modify(key, key, key).records().get(0).eventName()).isEqualTo("MODIFY");
    }
}
