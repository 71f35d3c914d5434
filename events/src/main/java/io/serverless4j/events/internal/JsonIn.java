/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.events.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Value readers for the hand-written event readers, over jackson-core's streaming {@link JsonParser}. Each reads
 * the parser's current token (the value of a field) and leaves the parser on the value's last token. A value of
 * the wrong JSON type throws {@link ShapeException}; the caller adds the JSON path from the parser's context.
 */
public final class JsonIn {

    private JsonIn() {
    }

    /** Reads one value from the parser positioned on its first token; null for a JSON null. */
    @FunctionalInterface
    public interface ValueReader<T> {
        T read(JsonParser p) throws IOException;
    }

    /** A value of the wrong JSON type or an unreadable scalar; the message is the problem without the path. */
    static final class ShapeException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ShapeException(String problem) {
            super(problem, null, false, false);
        }
    }

    /**
     * Malformed JSON found while finishing the current string value (jackson-core reads a string's text only on
     * request): the error belongs to that value, so its path is the parser's path at the time, field name included.
     */
    static final class MalformedValueException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MalformedValueException(StreamReadException cause) {
            super(cause.getMessage(), cause, false, false);
        }

        StreamReadException malformed() {
            return (StreamReadException) getCause();
        }
    }

    /** The text of the current string token. */
    static String text(JsonParser p) throws IOException {
        try {
            return p.getText();
        } catch (StreamReadException e) {
            throw new MalformedValueException(e);
        }
    }

    static ShapeException mismatch(String expected, JsonToken found) {
        return new ShapeException("expected " + expected + ", found " + describe(found));
    }

    static String describe(JsonToken token) {
        if (token == null) {
            return "the end of input";
        }
        return switch (token) {
            case START_OBJECT, END_OBJECT, FIELD_NAME -> "an object";
            case START_ARRAY, END_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> "an unexpected token";
        };
    }

    /** True when the current token is null; throws unless it is the start of an object. */
    static boolean startObjectOrNull(JsonParser p) throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.START_OBJECT) {
            return false;
        }
        if (token == JsonToken.VALUE_NULL) {
            return true;
        }
        throw mismatch("an object", token);
    }

    static String string(JsonParser p) throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_STRING) {
            return text(p);
        }
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        throw mismatch("a string", token);
    }

    static boolean bool(JsonParser p) throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_TRUE) {
            return true;
        }
        if (token == JsonToken.VALUE_FALSE) {
            return false;
        }
        throw mismatch("true or false", token);
    }

    static Long longValue(JsonParser p) throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_NUMBER_INT) {
            if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                throw new ShapeException("number out of range for a 64-bit integer: " + p.getText());
            }
            return p.getLongValue();
        }
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        throw mismatch(token == JsonToken.VALUE_NUMBER_FLOAT ? "an integer" : "a number", token);
    }

    static int intValue(JsonParser p) throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT) {
            return p.getIntValue();
        }
        if (token == JsonToken.VALUE_NUMBER_INT) {
            throw new ShapeException("number out of range for an int: " + p.getText());
        }
        throw mismatch(token == JsonToken.VALUE_NUMBER_FLOAT ? "an integer" : "a number", token);
    }

    static Instant isoInstant(JsonParser p) throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.VALUE_STRING) {
            throw mismatch("an ISO-8601 timestamp string", token);
        }
        String text = text(p);
        try {
            return Timestamps.parseIso(text);
        } catch (DateTimeException e) {
            throw new ShapeException("invalid value \"" + text
                    + "\": expected an ISO-8601 timestamp such as 2019-09-03T19:37:27.192Z");
        }
    }

    static Instant apiGatewayTime(JsonParser p) throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.VALUE_STRING) {
            throw mismatch("a time string such as 04/Mar/2020:19:15:17 +0000", token);
        }
        String text = text(p);
        try {
            return Timestamps.parseApiGatewayTime(text);
        } catch (DateTimeException e) {
            throw new ShapeException("invalid value \"" + text + "\": expected a time such as 04/Mar/2020:19:15:17 +0000");
        }
    }

    static Instant epochMillis(JsonParser p) throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.VALUE_NUMBER_INT) {
            throw mismatch("an integer of epoch milliseconds", token);
        }
        try {
            if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                throw new DateTimeException("out of range");
            }
            return Instant.ofEpochMilli(p.getLongValue());
        } catch (DateTimeException e) {
            throw new ShapeException("invalid value " + p.getText() + ": out of range for epoch millis");
        }
    }

    static Instant epochSeconds(JsonParser p) throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
            throw mismatch("a number of epoch seconds", token);
        }
        BigDecimal seconds = p.getDecimalValue();
        try {
            return Timestamps.ofEpochSeconds(seconds);
        } catch (ArithmeticException | DateTimeException e) {
            throw new ShapeException("invalid value " + seconds.toPlainString() + ": out of range for epoch seconds");
        }
    }

    /**
     * Reads an array. The result is unmodifiable when it holds no null (so records keep it without copying), and
     * a modifiable list otherwise, for the record to reject with the element's index.
     */
    static <T> List<T> list(JsonParser p, ValueReader<T> element) throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.START_ARRAY) {
            throw mismatch("an array", token);
        }
        List<T> values = new ArrayList<>();
        boolean hasNull = false;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            T value = element.read(p);
            hasNull |= value == null;
            values.add(value);
        }
        return hasNull ? values : List.copyOf(values);
    }

    static List<String> stringList(JsonParser p) throws IOException {
        return list(p, STRING);
    }

    /**
     * Reads an object as a map, in document order for the small maps events have. The result is unmodifiable when
     * it holds no null value (so records keep it without copying), and modifiable otherwise.
     */
    @SuppressWarnings("unchecked")
    static <T> Map<String, T> map(JsonParser p, ValueReader<T> value) throws IOException {
        if (startObjectOrNull(p)) {
            return null;
        }
        Object[] pairs = new Object[16];
        int size = 0;
        boolean hasNull = false;
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            p.nextToken();
            T read = value.read(p);
            hasNull |= read == null;
            if (size * 2 == pairs.length) {
                pairs = Arrays.copyOf(pairs, pairs.length * 2);
            }
            pairs[size * 2] = name;
            pairs[size * 2 + 1] = read;
            size++;
        }
        if (!hasNull && size <= 10) {
            try {
                return (Map<String, T>) (Map<?, ?>) immutable(pairs, size);
            } catch (IllegalArgumentException duplicateKey) {
                // Fall through: the same key twice; the later value wins, as with Jackson.
            }
        }
        Map<String, T> map = new LinkedHashMap<>(size * 2);
        for (int i = 0; i < size; i++) {
            map.put((String) pairs[i * 2], (T) pairs[i * 2 + 1]);
        }
        return hasNull ? map : Map.copyOf(map);
    }

    /** Builds an immutable map straight from key/value pairs, without an intermediate HashMap. */
    private static Map<Object, Object> immutable(Object[] p, int size) {
        return switch (size) {
            case 0 -> Map.of();
            case 1 -> Map.of(p[0], p[1]);
            case 2 -> Map.of(p[0], p[1], p[2], p[3]);
            case 3 -> Map.of(p[0], p[1], p[2], p[3], p[4], p[5]);
            case 4 -> Map.of(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7]);
            case 5 -> Map.of(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9]);
            case 6 -> Map.of(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9], p[10], p[11]);
            case 7 -> Map.of(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9], p[10], p[11], p[12], p[13]);
            case 8 -> Map.of(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9], p[10], p[11], p[12], p[13],
                    p[14], p[15]);
            case 9 -> Map.of(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9], p[10], p[11], p[12], p[13],
                    p[14], p[15], p[16], p[17]);
            default -> Map.of(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9], p[10], p[11], p[12], p[13],
                    p[14], p[15], p[16], p[17], p[18], p[19]);
        };
    }

    static Map<String, String> stringMap(JsonParser p) throws IOException {
        return map(p, STRING);
    }

    /** Reads a string; the reader of string lists and maps. */
    static final ValueReader<String> STRING = new ValueReader<>() {
        @Override
        public String read(JsonParser p) throws IOException {
            return string(p);
        }
    };

    /** Reads a list of strings; the reader of multi-value maps. */
    static final ValueReader<List<String>> STRING_LIST = new ValueReader<>() {
        @Override
        public List<String> read(JsonParser p) throws IOException {
            return stringList(p);
        }
    };
}
