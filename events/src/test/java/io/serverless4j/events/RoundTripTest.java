/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.serverless4j.events.apigateway.ApiGatewayV1ProxyEvent;
import io.serverless4j.events.apigateway.ApiGatewayV2HttpEvent;
import io.serverless4j.events.dynamodb.DynamoDbStreamEvent;
import io.serverless4j.events.eventbridge.EventBridgeEvent;
import io.serverless4j.events.eventbridge.ScheduledEvent;
import io.serverless4j.events.internal.Json;
import io.serverless4j.events.kinesis.KinesisEvent;
import io.serverless4j.events.s3.S3Event;
import io.serverless4j.events.sns.SnsEvent;
import io.serverless4j.events.sqs.SqsEvent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RoundTripTest {

    static Stream<Arguments> fixtures() {
        return Stream.of(
                Arguments.of("sqs-event.json", SqsEvent.class),
                Arguments.of("sqs-fifo-event.json", SqsEvent.class),
                Arguments.of("sns-via-sqs-event.json", SqsEvent.class),
                Arguments.of("sns-event.json", SnsEvent.class),
                Arguments.of("s3-put-event.json", S3Event.class),
                Arguments.of("s3-delete-event.json", S3Event.class),
                Arguments.of("eventbridge-s3-object-created.json", EventBridgeEvent.class),
                Arguments.of("eventbridge-s3-object-deleted.json", EventBridgeEvent.class),
                Arguments.of("scheduled-event.json", ScheduledEvent.class),
                Arguments.of("apigateway-v2-request.json", ApiGatewayV2HttpEvent.class),
                Arguments.of("apigateway-v1-request.json", ApiGatewayV1ProxyEvent.class),
                Arguments.of("dynamodb-stream-event.json", DynamoDbStreamEvent.class),
                Arguments.of("kinesis-event.json", KinesisEvent.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void writingThenParsingGivesAnEqualEvent(String fixture, Class<?> type) {
        Object event = Events.parse(Fixtures.read(fixture), type);
        assertThat(Events.parse(Events.write(event), type)).isEqualTo(event);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void streamsAndBytesParseLikeStrings(String fixture, Class<?> type) {
        String json = Fixtures.read(fixture);
        Object fromString = Events.parse(json, type);
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        assertThat(Events.parse(bytes, type)).isEqualTo(fromString);
        assertThat(Events.parse(new ByteArrayInputStream(bytes), type)).isEqualTo(fromString);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Events.write(fromString, out);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(Events.write(fromString));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void theStreamingReaderAgreesWithDataBindingOnTheAnnotations(String fixture, Class<?> type) throws Exception {
        // Events.parse uses hand-written readers; the Jackson annotations serve writing and nested binding.
        // Both must understand the AWS shape the same way.
        Object streamed = Events.parse(Fixtures.read(fixture), type);
        Object bound = Json.MAPPER.readValue(Fixtures.read(fixture), type);
        assertThat(bound).isEqualTo(streamed);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void writesOnlyFieldNamesThatTheAwsShapeUses(String fixture, Class<?> type) throws Exception {
        Set<String> awsNames = fieldNames(Json.MAPPER.readTree(Fixtures.read(fixture)));
        Set<String> written = fieldNames(Json.MAPPER.readTree(Events.write(Events.parse(Fixtures.read(fixture), type))));
        assertThat(awsNames).containsAll(written);
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        collect(node, names);
        return names;
    }

    private static void collect(JsonNode node, Set<String> names) {
        if (node.isObject()) {
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                names.add(name);
                collect(node.get(name), names);
            }
        } else if (node.isArray()) {
            node.forEach(element -> collect(element, names));
        }
    }
}
