/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import io.serverless4j.events.apigateway.ApiGatewayV2HttpEvent;
import io.serverless4j.events.dynamodb.DynamoDbStreamEvent;
import io.serverless4j.events.eventbridge.EventBridgeEvent;
import io.serverless4j.events.kinesis.KinesisEvent;
import io.serverless4j.events.s3.S3Event;
import io.serverless4j.events.sqs.SqsEvent;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bad input never escapes as a Jackson exception or a half-built record, and the message says where. */
class ParseErrorsTest {

    record Order(String orderId, int quantity, List<String> tags) {
    }

    private static final String SQS = Fixtures.read("sqs-event.json");

    @Test
    void namesTheJsonPathOfAValueOfTheWrongType() {
        String json = SQS.replaceFirst("(?<head>\"priority\": \\{[^}]*\"dataType\": )\"String\"", "${head}5");
        assertThat(json).isNotEqualTo(SQS);
        assertThatThrownBy(() -> Events.parse(json, SqsEvent.class))
                .isInstanceOf(EventParseException.class)
                .hasMessage("SqsEvent: Records[3].messageAttributes.priority.dataType: expected a string, found a number")
                .satisfies(e -> {
                    EventParseException parse = (EventParseException) e;
                    assertThat(parse.targetType()).isEqualTo("SqsEvent");
                    assertThat(parse.path()).isEqualTo("Records[3].messageAttributes.priority.dataType");
                });
    }

    @Test
    void namesAMissingRequiredField() {
        String json = SQS.replaceFirst("\"receiptHandle\": \"AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a3[^\"]*\",", "");
        assertThat(json).isNotEqualTo(SQS);
        assertThatThrownBy(() -> Events.parse(json, SqsEvent.class))
                .isInstanceOf(EventParseException.class)
                .hasMessage("SqsEvent: Records[3].receiptHandle: required field is missing");
    }

    @Test
    void treatsAnExplicitNullLikeAMissingRequiredField() {
        String json = SQS.replace("\"body\": \"{\\\"orderId\\\": \\\"o-2\\\", \\\"quantity\\\": 2}\"", "\"body\": null");
        assertThat(json).isNotEqualTo(SQS);
        assertThatThrownBy(() -> Events.parse(json, SqsEvent.class))
                .isInstanceOf(EventParseException.class)
                .hasMessage("SqsEvent: Records[1].body: required field is missing");
    }

    @Test
    void reportsMalformedJsonWithItsLineAndColumn() {
        assertThatThrownBy(() -> Events.parse("{\"Records\": [\n  {\"messageId\": \"m\",]}", SqsEvent.class))
                .isInstanceOf(EventParseException.class)
                .hasMessage("SqsEvent: Records[0]: malformed JSON: expected a field name in double quotes, found ']' "
                        + "(line 2, column 21)");
    }

    @Test
    void reportsTruncatedInput() {
        String truncated = SQS.substring(0, SQS.length() / 2);
        assertThatThrownBy(() -> Events.parse(truncated, SqsEvent.class))
                .isInstanceOf(EventParseException.class)
                .hasMessageStartingWith("SqsEvent: Records[")
                .hasMessageContaining("malformed JSON: unexpected end of input");
    }

    @Test
    void reportsEmptyNullAndTrailingInput() {
        assertThatThrownBy(() -> Events.parse("  ", SqsEvent.class))
                .isInstanceOf(EventParseException.class).hasMessage("SqsEvent: $: no JSON content");
        assertThatThrownBy(() -> Events.parse("null", SqsEvent.class))
                .isInstanceOf(EventParseException.class).hasMessage("SqsEvent: $: expected a JSON value, found null");
        assertThatThrownBy(() -> Events.parse("{\"Records\": []} {}", SqsEvent.class))
                .isInstanceOf(EventParseException.class)
                .hasMessage("SqsEvent: $: malformed JSON: unexpected content after the JSON value: '{' "
                        + "(line 1, column 17)");
    }

    @Test
    void reportsAWrongRootType() {
        assertThatThrownBy(() -> Events.parse("[1, 2]", S3Event.class))
                .isInstanceOf(EventParseException.class).hasMessage("S3Event: $: expected an object, found an array");
        assertThatThrownBy(() -> Events.parse("{\"Records\": {}}", S3Event.class))
                .isInstanceOf(EventParseException.class)
                .hasMessage("S3Event: Records: expected an array, found an object");
    }

    @Test
    void reportsAnUnreadableTimestamp() {
        String json = Fixtures.read("s3-put-event.json").replace("2019-09-03T19:37:27.192Z", "2019-02-30T10:00:00Z");
        assertThatThrownBy(() -> Events.parse(json, S3Event.class))
                .isInstanceOf(EventParseException.class)
                .hasMessage("S3Event: Records[0].eventTime: invalid value \"2019-02-30T10:00:00Z\": expected an "
                        + "ISO-8601 timestamp such as 2019-09-03T19:37:27.192Z");
    }

    @Test
    void reportsAnEpochTimestampGivenAsAString() {
        String json = Fixtures.read("kinesis-event.json").replace("1545084650.987", "\"1545084650.987\"");
        assertThatThrownBy(() -> Events.parse(json, KinesisEvent.class))
                .isInstanceOf(EventParseException.class)
                .hasMessage("KinesisEvent: Records[0].kinesis.approximateArrivalTimestamp: expected a number of "
                        + "epoch seconds, found a string");
    }

    @Test
    void doesNotCoerceABooleanFromAString() {
        String json = Fixtures.read("apigateway-v2-request.json").replace("\"isBase64Encoded\": false",
                "\"isBase64Encoded\": \"false\"");
        assertThatThrownBy(() -> Events.parse(json, ApiGatewayV2HttpEvent.class))
                .isInstanceOf(EventParseException.class)
                .hasMessage("ApiGatewayV2HttpEvent: isBase64Encoded: expected true or false, found a string");
    }

    @Test
    void reportsABadDynamoDbValueInsideNestedMapsAndLists() {
        String json = Fixtures.read("dynamodb-stream-event.json").replace("\"N\": \"13.40\"", "\"N\": 13.40");
        assertThat(json).isNotEqualTo(Fixtures.read("dynamodb-stream-event.json"));
        assertThatThrownBy(() -> Events.parse(json, DynamoDbStreamEvent.class))
                .isInstanceOf(EventParseException.class)
                .hasMessage("DynamoDbStreamEvent: Records[0].dynamodb.NewImage.Address.M.Geo.L[1].N: expected a "
                        + "string, found a number");
        String invalid = Fixtures.read("dynamodb-stream-event.json").replace("\"N\": \"13.40\"", "\"N\": \"x\"");
        assertThatThrownBy(() -> Events.parse(invalid, DynamoDbStreamEvent.class))
                .isInstanceOf(EventParseException.class)
                .hasMessage("DynamoDbStreamEvent: Records[0].dynamodb.NewImage.Address.M.Geo.L[1].N: expected a "
                        + "decimal number, found \"x\"");
        String unknown = Fixtures.read("dynamodb-stream-event.json").replace("\"BOOL\": false", "\"BOOLEAN\": false");
        assertThatThrownBy(() -> Events.parse(unknown, DynamoDbStreamEvent.class))
                .isInstanceOf(EventParseException.class)
                .hasMessage("DynamoDbStreamEvent: Records[0].dynamodb.NewImage.Archived.BOOLEAN: unknown DynamoDB "
                        + "type 'BOOLEAN'; expected S, N, B, SS, NS, BS, M, L, NULL or BOOL");
    }

    @Test
    void reportsANullInsideAList() {
        assertThatThrownBy(() -> Events.parse("{\"id\":\"e\",\"detail-type\":\"t\",\"source\":\"s\","
                + "\"time\":\"2024-01-01T00:00:00Z\",\"resources\":[\"a\",null]}", EventBridgeEvent.class))
                .isInstanceOf(EventParseException.class)
                .hasMessage("EventBridgeEvent: resources[1]: null is not allowed in this list");
    }

    @Test
    void ignoresUnknownFieldsAnywhere() {
        String json = SQS.replace("\"md5OfBody\"", "\"newAwsField\": {\"nested\": [1, {\"x\": null}]}, \"md5OfBody\"")
                .replaceFirst("\\{", "{\"futureTopLevel\": true, ");
        assertThat(Events.parse(json, SqsEvent.class)).isEqualTo(Events.parse(SQS, SqsEvent.class));
    }

    @Test
    void userTypesGetTheSameMessagesThroughDataBinding() {
        assertThatThrownBy(() -> Events.parse("{\"orderId\": \"o\", \"quantity\": \"2\"}", Order.class))
                .isInstanceOf(EventParseException.class)
                .hasMessage("Order: quantity: expected a number, found a string");
        assertThatThrownBy(() -> Events.parse("{\"orderId\": 5, \"quantity\": 2}", Order.class))
                .isInstanceOf(EventParseException.class)
                .hasMessage("Order: orderId: expected a string, found a number");
        assertThatThrownBy(() -> Events.parse("{\"orderId\": \"o\", \"quantity\": null}", Order.class))
                .isInstanceOf(EventParseException.class)
                .hasMessage("Order: quantity: expected a number, found null or nothing");
        assertThatThrownBy(() -> Events.parse("{\"orderId\": \"o\", \"quantity\": 1, \"tags\": [\"a\", 1]}", Order.class))
                .isInstanceOf(EventParseException.class)
                .hasMessage("Order: tags[1]: expected a string, found a number");
        assertThatThrownBy(() -> Events.parse("{\"orderId\": \"o\",", Order.class))
                .isInstanceOf(EventParseException.class)
                .hasMessageStartingWith("Order: ")
                .hasMessageContaining("malformed JSON");
        assertThatThrownBy(() -> Events.parse("{\"orderId\": \"o\", \"quantity\": 1} []", Order.class))
                .isInstanceOf(EventParseException.class)
                .hasMessage("Order: $: malformed JSON: unexpected content after the JSON value (line 1, column 33)");
    }

    @Test
    void genericTypesReportTheirPathToo() {
        assertThatThrownBy(() -> Events.parse("[{\"orderId\": \"o\", \"quantity\": 1}, {\"orderId\": []}]",
                new TypeReference<List<Order>>() { }))
                .isInstanceOf(EventParseException.class)
                .hasMessage("List: [1].orderId: expected a string, found an array");
        assertThat(Events.parse("{\"a\": 1}".getBytes(StandardCharsets.UTF_8),
                new TypeReference<Map<String, Integer>>() { })).containsEntry("a", 1);
    }

    @Test
    void reportsAFailingStream() {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        };
        assertThatThrownBy(() -> Events.parse(broken, SqsEvent.class))
                .isInstanceOf(EventParseException.class)
                .hasMessage("SqsEvent: $: cannot read the input: connection reset");
        assertThatThrownBy(() -> Events.parse(new ByteArrayInputStream(new byte[0]), SqsEvent.class))
                .isInstanceOf(EventParseException.class)
                .hasMessage("SqsEvent: $: no JSON content");
    }
}
