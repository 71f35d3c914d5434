/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.events;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.serverless4j.events.internal.EventReaders;
import io.serverless4j.events.internal.Json;
import io.serverless4j.events.internal.JsonIn;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * The entry point for reading events and writing responses as JSON, with one shared, preconfigured mapper.
 *
 * <p>Parsing ignores fields it does not know (AWS adds fields over time) and is strict about the ones it knows:
 * no coercion between JSON types (a number where a string is expected fails), no {@code null} for primitives,
 * nothing after the value, and every required field present. Failures throw {@link EventParseException} naming
 * the type and the JSON path; nothing half-built is returned. Writing uses the AWS field names and leaves out
 * null fields, so what {@code write} produces parses back to an equal value.
 *
 * <p>All methods are thread-safe and allocation-light; the mapper is built once per JVM, on first use.
 */
public final class Events {

    private Events() {
    }

    /**
     * Parses a JSON string.
     *
     * @param json the JSON text
     * @param type the target type, e.g. {@code SqsEvent.class} or your own record
     * @param <T> the target type
     * @return the parsed value, never null
     * @throws EventParseException if the JSON is malformed, empty, {@code null}, or does not fit {@code type}
     * @throws NullPointerException if an argument is null
     */
    public static <T> T parse(String json, Class<T> type) {
        JsonIn.ValueReader<T> fast = EventReaders.forType(type);
        if (fast != null) {
            return EventReaders.read(Objects.requireNonNull(json, "json"), fast, type.getSimpleName());
        }
        return nonNull(Json.read(json, type), type.getSimpleName());
    }

    /**
     * Parses UTF-8 (or UTF-16/32 with a BOM) JSON bytes.
     *
     * @param json the JSON bytes
     * @param type the target type
     * @param <T> the target type
     * @return the parsed value, never null
     * @throws EventParseException if the JSON is malformed, empty, {@code null}, or does not fit {@code type}
     * @throws NullPointerException if an argument is null
     */
    public static <T> T parse(byte[] json, Class<T> type) {
        JsonIn.ValueReader<T> fast = EventReaders.forType(type);
        if (fast != null) {
            return EventReaders.read(Objects.requireNonNull(json, "json"), fast, type.getSimpleName());
        }
        return nonNull(Json.read(json, type), type.getSimpleName());
    }

    /**
     * Parses one JSON value from a stream, e.g. a Lambda handler's input. The stream is not closed.
     *
     * @param json the stream
     * @param type the target type
     * @param <T> the target type
     * @return the parsed value, never null
     * @throws EventParseException if the JSON is malformed, empty, {@code null}, does not fit {@code type}, or
     *     the stream cannot be read
     * @throws NullPointerException if an argument is null
     */
    public static <T> T parse(InputStream json, Class<T> type) {
        JsonIn.ValueReader<T> fast = EventReaders.forType(type);
        if (fast != null) {
            return EventReaders.read(Objects.requireNonNull(json, "json"), fast, type.getSimpleName());
        }
        return nonNull(Json.read(json, type), type.getSimpleName());
    }

    /**
     * Parses a JSON string into a generic type, e.g. {@code new TypeReference<List<Order>>() {}}.
     *
     * @param json the JSON text
     * @param type the target type
     * @param <T> the target type
     * @return the parsed value, never null
     * @throws EventParseException if the JSON is malformed, empty, {@code null}, or does not fit {@code type}
     * @throws NullPointerException if an argument is null
     */
    public static <T> T parse(String json, TypeReference<T> type) {
        return nonNull(Json.read(json, type), type.getType().getTypeName());
    }

    /**
     * Parses UTF-8 JSON bytes into a generic type.
     *
     * @param json the JSON bytes
     * @param type the target type
     * @param <T> the target type
     * @return the parsed value, never null
     * @throws EventParseException if the JSON is malformed, empty, {@code null}, or does not fit {@code type}
     * @throws NullPointerException if an argument is null
     */
    public static <T> T parse(byte[] json, TypeReference<T> type) {
        return nonNull(Json.read(json, type), type.getType().getTypeName());
    }

    /**
     * Parses one JSON value from a stream into a generic type. The stream is not closed.
     *
     * @param json the stream
     * @param type the target type
     * @param <T> the target type
     * @return the parsed value, never null
     * @throws EventParseException if the JSON is malformed, empty, {@code null}, does not fit {@code type}, or
     *     the stream cannot be read
     * @throws NullPointerException if an argument is null
     */
    public static <T> T parse(InputStream json, TypeReference<T> type) {
        return nonNull(Json.read(json, type), type.getType().getTypeName());
    }

    /**
     * Writes a value as JSON, with AWS field names for the event and response types and without null fields.
     *
     * @param value the value, e.g. an {@code ApiGatewayV2HttpResponse} or your own record; null writes {@code null}
     * @return the JSON text
     * @throws IllegalArgumentException if the value cannot be written as JSON (e.g. a type with no properties)
     */
    public static String write(Object value) {
        return Json.write(value);
    }

    /**
     * Writes a value as UTF-8 JSON to a stream, e.g. a Lambda handler's output. The stream is flushed, not closed.
     *
     * @param value the value; null writes {@code null}
     * @param out the stream
     * @throws IllegalArgumentException if the value cannot be written as JSON
     * @throws UncheckedIOException if the stream fails
     * @throws NullPointerException if {@code out} is null
     */
    public static void write(Object value, OutputStream out) {
        Json.write(value, Objects.requireNonNull(out, "out"));
    }

    /**
     * A copy of the mapper behind {@code parse} and {@code write}'s general path, for other code that should read and
     * write JSON the way this class does: AWS field names and {@code Instant} as ISO-8601 for the event types, null
     * fields left out, unknown fields ignored, no coercion between JSON types. E.g.
     * {@code Idempotency.builder().objectMapper(Events.objectMapper())}. The event types' fast readers are not part
     * of it. Each call returns a new copy: configuring it changes nothing here.
     *
     * @return a new mapper configured like this class's
     */
    public static ObjectMapper objectMapper() {
        return Json.MAPPER.copy();
    }

    private static <T> T nonNull(T value, String typeName) {
        if (value == null) {
            throw new EventParseException(typeName, "$", "expected a JSON value, found null", null);
        }
        return value;
    }
}
