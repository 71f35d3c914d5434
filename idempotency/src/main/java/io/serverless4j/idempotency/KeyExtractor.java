/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.idempotency;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.serverless4j.idempotency.internal.Json;
import java.util.Objects;
import java.util.function.Function;

/**
 * Finds the idempotency key in a payload, for {@link Idempotency#decorate(KeyExtractor, Class, Function)}: with a
 * function ({@code KeyExtractor.of(Order::orderId)}) or a JSON Pointer into the payload as Jackson serializes it
 * ({@code KeyExtractor.jsonPointer("/body/orderId")}).
 *
 * <p>A key that is null, blank or not found is a missing key, handled by the {@link MissingKeyPolicy}. A key that
 * is not a string (a number, a list such as {@code List.of(bucket, key, versionId)}, an object) is used as its
 * canonical JSON, properties sorted. Immutable and thread-safe.
 *
 * @param <I> the payload type
 */
public final class KeyExtractor<I> {

    private final Function<? super I, ?> function;
    private final JsonPointer pointer;
    private final String description;

    private KeyExtractor(Function<? super I, ?> function, JsonPointer pointer, String description) {
        this.function = function;
        this.pointer = pointer;
        this.description = description;
    }

    /**
     * A key computed by a function of the payload, e.g. {@code event -> event.orderId()}.
     *
     * @param function returns the raw key; null means missing
     * @param <I> the payload type
     * @return the extractor
     * @throws NullPointerException when {@code function} is null
     */
    public static <I> KeyExtractor<I> of(Function<? super I, ?> function) {
        Objects.requireNonNull(function, "function");
        return new KeyExtractor<>(function, null, "the key function");
    }

    /**
     * A key found by a JSON Pointer (RFC 6901) in the payload serialized by the {@link Idempotency}'s
     * {@code ObjectMapper}. Where the pointer meets a string with segments left, the string is parsed as JSON and
     * the pointer goes on into it: {@code /body/orderId} reads {@code orderId} out of an API Gateway or SQS
     * {@code body} that holds a JSON document (a base64-encoded body is not decoded).
     *
     * @param pointer e.g. {@code /body/orderId}, {@code /headers/Idempotency-Key}
     * @return the extractor
     * @throws NullPointerException when {@code pointer} is null
     * @throws IllegalArgumentException when it is not a valid JSON Pointer or is empty
     */
    public static KeyExtractor<Object> jsonPointer(String pointer) {
        Objects.requireNonNull(pointer, "pointer");
        if (pointer.isEmpty()) {
            throw new IllegalArgumentException("a JSON pointer for the key must name a field, e.g. /body/orderId");
        }
        return new KeyExtractor<>(null, JsonPointer.compile(pointer), "JSON pointer " + pointer);
    }

    /** Returns the raw key for {@code input}, or null. */
    Object extract(I input, ObjectMapper mapper) {
        if (function != null) {
            return function.apply(input);
        }
        return Json.at(Json.tree(input, mapper), pointer, mapper);
    }

    /** Where the key comes from, for messages. Never contains the key. */
    String description() {
        return description;
    }

    @Override
    public String toString() {
        return "KeyExtractor[" + description + "]";
    }
}
