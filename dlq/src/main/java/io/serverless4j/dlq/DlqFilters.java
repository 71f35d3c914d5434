/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.dlq;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import io.serverless4j.dlq.internal.Json;
import java.util.Objects;
import java.util.function.Predicate;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * Ready filters for {@link DlqReplayer.Builder#filter(Predicate)}. Combine them with {@link Predicate#and},
 * {@link Predicate#or} and {@link Predicate#negate}. Every filter returned is stateless and thread-safe.
 */
public final class DlqFilters {

    private DlqFilters() {}

    /**
     * Matches messages whose JSON body has {@code expected} at {@code pointer} (RFC 6901), e.g.
     * {@code jsonPointerEquals("/type", "OrderPlaced")} or {@code jsonPointerEquals("/order/country", "DE")}.
     * A string matches by its text; a number, boolean or null matches by its JSON text ({@code "42"},
     * {@code "true"}, {@code "null"}). A body that is not JSON, or has nothing at the pointer, or an object or array
     * there, does not match.
     *
     * @param pointer a JSON Pointer, starting with {@code /}
     * @param expected the value to compare with
     * @return the filter
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when the pointer is not a valid JSON Pointer
     */
    public static Predicate<DlqMessage> jsonPointerEquals(String pointer, String expected) {
        Objects.requireNonNull(pointer, "pointer");
        Objects.requireNonNull(expected, "expected");
        JsonPointer compiled;
        try {
            compiled = JsonPointer.compile(pointer);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + pointer + "' is not a JSON Pointer (RFC 6901); write it like "
                    + "/type or /order/id", e);
        }
        if (compiled.matches()) {
            throw new IllegalArgumentException("the JSON Pointer '" + pointer + "' names the whole body; name a "
                    + "field, e.g. /type");
        }
        return new JsonPointerEquals(pointer, compiled, expected);
    }

    /**
     * Matches messages with a message attribute {@code name} whose string value is {@code expected} (String and
     * Number attributes; a Binary attribute never matches).
     *
     * @param name the message attribute name
     * @param expected the value to compare with
     * @return the filter
     * @throws NullPointerException when an argument is null
     */
    public static Predicate<DlqMessage> attributeEquals(String name, String expected) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(expected, "expected");
        return new Predicate<>() {
            @Override
            public boolean test(DlqMessage message) {
                MessageAttributeValue value = message.messageAttributes().get(name);
                return value != null && expected.equals(value.stringValue());
            }

            @Override
            public String toString() {
                return "attribute " + name + " = " + expected;
            }
        };
    }

    private record JsonPointerEquals(String pointer, JsonPointer compiled, String expected)
            implements Predicate<DlqMessage> {
        @Override
        public boolean test(DlqMessage message) {
            JsonNode root = Json.parseOrNull(message.body());
            if (root == null) {
                return false;
            }
            JsonNode node = root.at(compiled);
            if (node.isMissingNode() || node.isContainerNode()) {
                return false;
            }
            return expected.equals(node.isTextual() ? node.textValue() : node.toString());
        }

        @Override
        public String toString() {
            return pointer + " = " + expected;
        }
    }
}
