/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.serverless4j.events.eventbridge.EventBridgeEvent;
import io.serverless4j.events.internal.Json;
import io.serverless4j.events.sqs.SqsEvent;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The event readers accept exactly RFC 8259 JSON in valid UTF-8: malformed input, wherever it is in the event
 * (a field that is read, a free-form tree, a field that is skipped), throws {@link EventParseException}.
 */
class MalformedJsonTest {

    private static final String ENVELOPE = "{\"id\":\"e\",\"detail-type\":\"t\",\"source\":\"s\","
            + "\"time\":\"2024-01-01T00:00:00Z\",";

    /** An EventBridge event whose detail (read as a tree) is {@code detail}. */
    private static String withDetail(String detail) {
        return ENVELOPE + "\"detail\":" + detail + "}";
    }

    /** An EventBridge event with {@code value} in a field no reader knows, which is skipped. */
    private static String withUnknownField(String value) {
        return ENVELOPE + "\"futureField\":" + value + "}";
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{}", "[]", "\"\"", "0", "-0", "1.5", "-12.5e-3", "1E+2", "true", "false", "2147483648",
        "-9223372036854775808", "92233720368547758070", "{\"a\":[1,{\"b\":null},[]],\"c\":\"d\"}",
        "\"quote \\\" backslash \\\\ slash \\/ controls \\b\\f\\n\\r\\t\"",
        "\"latin \\u00e9 euro \\u20ac surrogate \\ud83d\\ude00\"",
        "\"utf-8 \u00e9 \u20ac \uD83D\uDE00 \u4e2d\u6587\"",
        " \t\r\n{ \"spaced\" : [ 1 , 2 ] } \n",
        "{\"a\":1,\"a\":2}",
        "\"a long plain ascii string that is longer than eight bytes\"", "\"\\u0000\""
    })
    void readsFreeFormValuesAsJacksonDoes(String json) throws Exception {
        byte[] event = withDetail(json).getBytes(StandardCharsets.UTF_8);
        assertThat(Events.parse(event, EventBridgeEvent.class).detail()).isEqualTo(Json.MAPPER.readTree(json));
        assertThat(Events.parse(withUnknownField(json), EventBridgeEvent.class).id()).isEqualTo("e");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{", "[", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "[1,]", "[1 2]", "{\"a\" 1}", "{a:1}", "'a'", "01", "1.",
        ".5", "-", "1e", "tru", "nul", "truex", "\"unterminated", "\"bad \\x escape\"", "\"bad \\u12g4\"",
        "\"raw\ttab\"", "{} {}", "[1]]", "{\"a\":1}}", "+1", "NaN", "[-]", "\"\\", "{\"a\":1 \"b\":2}",
        "/* comment */ 1", "[1] // comment", "Infinity"
    })
    void rejectsMalformedJsonWhereverItIs(String json) {
        assertThatThrownBy(() -> Events.parse(withDetail(json), EventBridgeEvent.class))
                .isInstanceOf(EventParseException.class).hasMessageContaining("malformed JSON");
        assertThatThrownBy(() -> Events.parse(withUnknownField(json), EventBridgeEvent.class))
                .isInstanceOf(EventParseException.class).hasMessageContaining("malformed JSON");
        assertThatThrownBy(() -> Events.parse(json, EventBridgeEvent.class))
                .isInstanceOf(EventParseException.class);
    }

    @Test
    void rejectsInvalidUtf8InValuesThatAreReadAndInValuesThatAreSkipped() {
        byte[][] invalid = {
            {(byte) 0xC3},                           // truncated two-byte sequence
            {(byte) 0xC0, (byte) 0xAF},              // overlong '/'
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, // UTF-16 surrogate encoded in UTF-8
            {(byte) 0xFF},                           // never valid
            {(byte) 0xE2, (byte) 0x28, (byte) 0xA1}  // bad continuation
        };
        for (byte[] bytes : invalid) {
            for (String field : new String[] {"source", "futureField"}) {
                byte[] event = utf8Event(field, bytes);
                assertThatThrownBy(() -> Events.parse(event, EventBridgeEvent.class))
                        .isInstanceOf(EventParseException.class)
                        .hasMessageStartingWith("EventBridgeEvent: ")
                        .hasMessageContaining("malformed JSON: invalid UTF-8");
            }
        }
    }

    private static byte[] utf8Event(String field, byte[] inString) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("{\"id\":\"e\",\"detail-type\":\"t\",\"time\":\"2024-01-01T00:00:00Z\",\"source\":\"s\",\""
                + field + "\":\"x").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(inString);
        out.writeBytes("\"}".getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    @Test
    void skipsAUtf8ByteOrderMark() {
        ByteArrayOutputStream withBom = new ByteArrayOutputStream();
        withBom.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        withBom.writeBytes(Fixtures.read("sqs-event.json").getBytes(StandardCharsets.UTF_8));
        assertThat(Events.parse(withBom.toByteArray(), SqsEvent.class))
                .isEqualTo(Events.parse(Fixtures.read("sqs-event.json"), SqsEvent.class));
    }

    @Test
    void limitsNestingDepth() {
        String deep = "[".repeat(2000) + "]".repeat(2000);
        assertThatThrownBy(() -> Events.parse(withDetail(deep), EventBridgeEvent.class))
                .isInstanceOf(EventParseException.class)
                .hasMessageContaining("nesting deeper than 1000 levels");
        assertThatThrownBy(() -> Events.parse(withUnknownField(deep), EventBridgeEvent.class))
                .isInstanceOf(EventParseException.class)
                .hasMessageContaining("nesting deeper than 1000 levels");
    }
}
