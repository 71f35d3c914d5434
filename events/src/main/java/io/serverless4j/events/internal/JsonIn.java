/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.events.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Value readers for the hand-written event readers. Each reads the parser's current token (the value of a
 * field) and leaves the parser on the value's last token. A value of the wrong JSON type throws
 * {@link ShapeException}; the caller adds the JSON path from the parser's context.
 */
public final class JsonIn {

    private JsonIn() {
    }

    /** Reads one value from the parser positioned on its first token; null for a JSON null. */
    @FunctionalInterface
    public interface ValueReader<T> {
        T read(JsonReader p);
    }

    /** A value of the wrong JSON type or an unreadable scalar; the message is the problem without the path. */
    static final class ShapeException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ShapeException(String problem) {
            super(problem, null, false, false);
        }
    }

    static ShapeException mismatch(String expected, JsonReader.Token found) {
        return new ShapeException("expected " + expected + ", found " + describe(found));
    }

    static String describe(JsonReader.Token token) {
        if (token == null) {
            return "the end of input";
        }
        return switch (token) {
            case START_OBJECT, END_OBJECT, FIELD_NAME -> "an object";
            case START_ARRAY, END_ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER_INT, NUMBER_FLOAT -> "a number";
            case TRUE, FALSE -> "a boolean";
            case NULL -> "null";
        };
    }

    /** True when the current token is null; throws unless it is the start of an object. */
    static boolean startObjectOrNull(JsonReader p) {
        JsonReader.Token token = p.currentToken();
        if (token == JsonReader.Token.START_OBJECT) {
            return false;
        }
        if (token == JsonReader.Token.NULL) {
            return true;
        }
        throw mismatch("an object", token);
    }

    static String string(JsonReader p) {
        JsonReader.Token token = p.currentToken();
        if (token == JsonReader.Token.STRING) {
            return p.text();
        }
        if (token == JsonReader.Token.NULL) {
            return null;
        }
        throw mismatch("a string", token);
    }

    static boolean bool(JsonReader p) {
        JsonReader.Token token = p.currentToken();
        if (token == JsonReader.Token.TRUE) {
            return true;
        }
        if (token == JsonReader.Token.FALSE) {
            return false;
        }
        throw mismatch("true or false", token);
    }

    static Long longValue(JsonReader p) {
        JsonReader.Token token = p.currentToken();
        if (token == JsonReader.Token.NUMBER_INT) {
            if (!p.fitsLong()) {
                throw new ShapeException("number out of range for a 64-bit integer: " + p.text());
            }
            return p.longValue();
        }
        if (token == JsonReader.Token.NULL) {
            return null;
        }
        throw mismatch(token == JsonReader.Token.NUMBER_FLOAT ? "an integer" : "a number", token);
    }

    static int intValue(JsonReader p) {
        JsonReader.Token token = p.currentToken();
        if (token == JsonReader.Token.NUMBER_INT && p.fitsInt()) {
            return (int) p.longValue();
        }
        if (token == JsonReader.Token.NUMBER_INT) {
            throw new ShapeException("number out of range for an int: " + p.text());
        }
        throw mismatch(token == JsonReader.Token.NUMBER_FLOAT ? "an integer" : "a number", token);
    }

    static Instant isoInstant(JsonReader p) {
        JsonReader.Token token = p.currentToken();
        if (token == JsonReader.Token.NULL) {
            return null;
        }
        if (token != JsonReader.Token.STRING) {
            throw mismatch("an ISO-8601 timestamp string", token);
        }
        String text = p.text();
        try {
            return Timestamps.parseIso(text);
        } catch (DateTimeException e) {
            throw new ShapeException("invalid value \"" + text
                    + "\": expected an ISO-8601 timestamp such as 2019-09-03T19:37:27.192Z");
        }
    }

    static Instant apiGatewayTime(JsonReader p) {
        JsonReader.Token token = p.currentToken();
        if (token == JsonReader.Token.NULL) {
            return null;
        }
        if (token != JsonReader.Token.STRING) {
            throw mismatch("a time string such as 04/Mar/2020:19:15:17 +0000", token);
        }
        String text = p.text();
        try {
            return Timestamps.parseApiGatewayTime(text);
        } catch (DateTimeException e) {
            throw new ShapeException("invalid value \"" + text + "\": expected a time such as 04/Mar/2020:19:15:17 +0000");
        }
    }

    static Instant epochMillis(JsonReader p) {
        JsonReader.Token token = p.currentToken();
        if (token == JsonReader.Token.NULL) {
            return null;
        }
        if (token != JsonReader.Token.NUMBER_INT) {
            throw mismatch("an integer of epoch milliseconds", token);
        }
        try {
            if (!p.fitsLong()) {
                throw new DateTimeException("out of range");
            }
            return Instant.ofEpochMilli(p.longValue());
        } catch (DateTimeException e) {
            throw new ShapeException("invalid value " + p.text() + ": out of range for epoch millis");
        }
    }

    static Instant epochSeconds(JsonReader p) {
        JsonReader.Token token = p.currentToken();
        if (token == JsonReader.Token.NULL) {
            return null;
        }
        if (token != JsonReader.Token.NUMBER_INT && token != JsonReader.Token.NUMBER_FLOAT) {
            throw mismatch("a number of epoch seconds", token);
        }
        BigDecimal seconds = p.decimalValue();
        try {
            return Timestamps.ofEpochSeconds(seconds);
        } catch (ArithmeticException | DateTimeException e) {
            throw new ShapeException("invalid value " + seconds.toPlainString() + ": out of range for epoch seconds");
        }
    }

    static <T> List<T> list(JsonReader p, ValueReader<T> element) {
        JsonReader.Token token = p.currentToken();
        if (token == JsonReader.Token.NULL) {
            return null;
        }
        if (token != JsonReader.Token.START_ARRAY) {
            throw mismatch("an array", token);
        }
        List<T> values = new ArrayList<>();
        while (p.nextToken() != JsonReader.Token.END_ARRAY) {
            values.add(element.read(p));
        }
        return values;
    }

    static List<String> stringList(JsonReader p) {
        return list(p, JsonIn::string);
    }

    static <T> Map<String, T> map(JsonReader p, ValueReader<T> value) {
        if (startObjectOrNull(p)) {
            return null;
        }
        Map<String, T> values = new LinkedHashMap<>();
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            p.nextToken();
            values.put(name, value.read(p));
        }
        return values;
    }

    static Map<String, String> stringMap(JsonReader p) {
        return map(p, JsonIn::string);
    }

    /** Builds a tree of the current value without an ObjectMapper, with the node types readTree would use. */
    static JsonNode tree(JsonReader p) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        JsonReader.Token token = p.currentToken();
        switch (token) {
            case START_OBJECT: {
                ObjectNode object = nodes.objectNode();
                for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
                    p.nextToken();
                    object.set(name, tree(p));
                }
                return object;
            }
            case START_ARRAY: {
                ArrayNode array = nodes.arrayNode();
                while (p.nextToken() != JsonReader.Token.END_ARRAY) {
                    array.add(tree(p));
                }
                return array;
            }
            case STRING:
                return nodes.textNode(p.text());
            case NUMBER_INT:
                if (p.fitsInt()) {
                    return nodes.numberNode((int) p.longValue());
                }
                return p.fitsLong() ? nodes.numberNode(p.longValue()) : nodes.numberNode(p.bigIntegerValue());
            case NUMBER_FLOAT:
                return nodes.numberNode(p.doubleValue());
            case TRUE:
                return nodes.booleanNode(true);
            case FALSE:
                return nodes.booleanNode(false);
            case NULL:
                return nodes.nullNode();
            default:
                throw mismatch("a JSON value", token);
        }
    }
}
