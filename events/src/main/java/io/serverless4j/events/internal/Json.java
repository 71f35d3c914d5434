/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.events.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.serverless4j.events.EventParseException;
import io.serverless4j.events.dynamodb.AttributeValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The one shared, preconfigured {@link ObjectMapper}. Configured once in the static initializer and never
 * changed afterwards, so it is thread-safe; readers are cached per target type.
 */
public final class Json {

    /** The mapper; never reconfigure it after class initialization. */
    public static final ObjectMapper MAPPER = createMapper();

    private static final ConcurrentMap<Class<?>, ObjectReader> READERS = new ConcurrentHashMap<>();

    private Json() {
    }

    private static ObjectMapper createMapper() {
        SimpleModule module = new SimpleModule("serverless4j-events");
        module.addDeserializer(Instant.class, new InstantCodecs.IsoDeserializer());
        module.addSerializer(Instant.class, new InstantCodecs.IsoSerializer());
        module.addDeserializer(AttributeValue.class, new AttributeValueCodec.Deserializer());
        module.addSerializer(AttributeValue.class, new AttributeValueCodec.Serializer());
        // The event parsers' factory settings (strictness, limits), in a copy of its own: the mapper configures
        // the factory it is given.
        return JsonMapper.builder(JsonParsers.FACTORY.copy())
                .addModule(module)
                // Tolerant of fields AWS adds later; strict about the types of the fields we know.
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                // Trailing content is checked by read(), which owns the parser, with the same message as the
                // streaming readers.
                .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .withCoercionConfig(LogicalType.Textual, config -> config
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfigDefaults(config -> config
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
                .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .build();
    }

    private static ObjectReader reader(Class<?> type) {
        return READERS.computeIfAbsent(type, MAPPER::readerFor);
    }

    /**
     * Parses {@code json} into {@code type}.
     *
     * @throws EventParseException for malformed JSON, a wrong type or a missing required field
     */
    public static <T> T read(String json, Class<T> type) {
        requireInput(json, type.getSimpleName());
        JsonIn.ValueReader<T> fast = EventReaders.forType(type);
        if (fast != null) {
            return EventReaders.read(json, fast, type.getSimpleName());
        }
        return read(reader(type), type.getSimpleName(), factory -> factory.createParser(json));
    }

    /** Parses UTF-8 JSON bytes into {@code type}. */
    public static <T> T read(byte[] json, Class<T> type) {
        requireInput(json, type.getSimpleName());
        JsonIn.ValueReader<T> fast = EventReaders.forType(type);
        if (fast != null) {
            return EventReaders.read(json, fast, type.getSimpleName());
        }
        return read(reader(type), type.getSimpleName(), factory -> factory.createParser(json));
    }

    /** Parses a JSON stream into {@code type}; the stream is read to the end of the value but not closed. */
    public static <T> T read(InputStream json, Class<T> type) {
        requireInput(json, type.getSimpleName());
        JsonIn.ValueReader<T> fast = EventReaders.forType(type);
        if (fast != null) {
            return EventReaders.read(json, fast, type.getSimpleName());
        }
        return read(reader(type), type.getSimpleName(), factory -> factory.createParser(json));
    }

    /** Parses {@code json} into the type that {@code type} captures. */
    public static <T> T read(String json, TypeReference<T> type) {
        JavaType javaType = MAPPER.getTypeFactory().constructType(type);
        requireInput(json, describe(javaType));
        return read(MAPPER.readerFor(javaType), describe(javaType), factory -> factory.createParser(json));
    }

    /** Parses UTF-8 JSON bytes into the type that {@code type} captures. */
    public static <T> T read(byte[] json, TypeReference<T> type) {
        JavaType javaType = MAPPER.getTypeFactory().constructType(type);
        requireInput(json, describe(javaType));
        return read(MAPPER.readerFor(javaType), describe(javaType), factory -> factory.createParser(json));
    }

    /** Parses a JSON stream into the type that {@code type} captures; the stream is not closed. */
    public static <T> T read(InputStream json, TypeReference<T> type) {
        JavaType javaType = MAPPER.getTypeFactory().constructType(type);
        requireInput(json, describe(javaType));
        return read(MAPPER.readerFor(javaType), describe(javaType), factory -> factory.createParser(json));
    }

    private interface ParserSource {
        JsonParser open(JsonFactory factory) throws IOException;
    }

    private static <T> T read(ObjectReader reader, String typeName, ParserSource source) {
        JsonParser parser = null;
        try {
            parser = source.open(MAPPER.getFactory());
            // We own the parser so that its state (the offending token) is still there when translating errors.
            parser.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
            if (parser.nextToken() == null) {
                throw new EventParseException(typeName, "$", "no JSON content", null);
            }
            if (parser.currentToken() == JsonToken.VALUE_NULL) {
                throw new EventParseException(typeName, "$", "expected a JSON value, found null", null);
            }
            T value = reader.readValue(parser);
            if (parser.nextToken() != null) {
                throw new EventParseException(typeName, "$", "malformed JSON: unexpected content after the JSON value"
                        + " (line " + parser.currentTokenLocation().getLineNr() + ", column "
                        + parser.currentTokenLocation().getColumnNr() + ")", null);
            }
            return value;
        } catch (IOException | RuntimeException e) {
            throw ParseErrors.translate(typeName, e, parser);
        } finally {
            closeQuietly(parser);
        }
    }

    private static void closeQuietly(JsonParser parser) {
        if (parser != null) {
            try {
                parser.close();
            } catch (IOException ignored) {
                // Nothing was read after the failure; closing a parser over a String or byte[] cannot fail.
            }
        }
    }

    /** Converts a JSON tree (e.g. an EventBridge detail) into {@code type}; {@code what} names it in errors. */
    public static <T> T convert(JsonNode tree, Class<T> type, String what) {
        JsonIn.ValueReader<T> fast = EventReaders.forType(type);
        if (fast != null) {
            return EventReaders.read(tree, fast, what + " as " + type.getSimpleName());
        }
        return read(reader(type), what + " as " + type.getSimpleName(), factory -> MAPPER.treeAsTokens(tree));
    }

    /** Converts a JSON tree into the type that {@code type} captures; {@code what} names it in errors. */
    public static <T> T convert(JsonNode tree, TypeReference<T> type, String what) {
        JavaType javaType = MAPPER.getTypeFactory().constructType(type);
        return read(MAPPER.readerFor(javaType), what + " as " + describe(javaType),
                factory -> MAPPER.treeAsTokens(tree));
    }

    /** Parses a JSON string that is itself a field value (an SQS body, an SNS message); {@code what} names it. */
    public static <T> T readNested(String json, Class<T> type, String what) {
        JsonIn.ValueReader<T> fast = EventReaders.forType(type);
        if (fast != null) {
            return EventReaders.read(json, fast, what + " as " + type.getSimpleName());
        }
        return read(reader(type), what + " as " + type.getSimpleName(), factory -> factory.createParser(json));
    }

    /** Parses a nested JSON string into the type that {@code type} captures; {@code what} names it. */
    public static <T> T readNested(String json, TypeReference<T> type, String what) {
        JavaType javaType = MAPPER.getTypeFactory().constructType(type);
        return read(MAPPER.readerFor(javaType), what + " as " + describe(javaType),
                factory -> factory.createParser(json));
    }

    /** Writes {@code value} as a JSON string. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    /** Writes {@code value} as UTF-8 JSON to {@code out}, which is flushed but not closed. */
    public static void write(Object value, OutputStream out) {
        try {
            MAPPER.writer().without(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                    .writeValue(out, value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + (value == null ? "null" : value.getClass().getName())
                    + " as JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write JSON to the output stream", e);
        }
    }

    private static void requireInput(Object input, String typeName) {
        if (input == null) {
            throw new NullPointerException("the JSON input to parse as " + typeName + " is null");
        }
    }

    private static String describe(JavaType type) {
        return type.getRawClass().getSimpleName();
    }
}
