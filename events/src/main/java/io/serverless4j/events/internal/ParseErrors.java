/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.events.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.serverless4j.events.EventParseException;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;

/**
 * Turns Jackson's exceptions into {@link EventParseException}s whose message names the target type, the JSON
 * path in AWS field names, and the problem in plain words.
 */
final class ParseErrors {

    private ParseErrors() {
    }

    static EventParseException translate(String typeName, Exception e) {
        if (e instanceof EventParseException alreadyTranslated) {
            return alreadyTranslated;
        }
        if (e instanceof JsonMappingException mapping) {
            return fromMapping(typeName, mapping);
        }
        if (e instanceof StreamReadException read) {
            return new EventParseException(typeName, pathOf(read.getProcessor()),
                    "malformed JSON: " + read.getOriginalMessage() + at(read.getLocation()), e);
        }
        if (e instanceof IOException) {
            return new EventParseException(typeName, "$", "cannot read the input: " + e.getMessage(), e);
        }
        return new EventParseException(typeName, "$", "cannot parse: " + e, e);
    }

    private static EventParseException fromMapping(String typeName, JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            } else if (ref.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            }
        }
        FieldProblem fieldProblem = findFieldProblem(e);
        if (fieldProblem != null) {
            if (path.length() > 0) {
                path.append('.');
            }
            path.append(fieldProblem.field());
            return new EventParseException(typeName, path.toString(), fieldProblem.problem(), e);
        }
        String where = path.length() == 0 ? "$" : path.toString();
        return new EventParseException(typeName, where, problemOf(e), e);
    }

    private static FieldProblem findFieldProblem(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof FieldProblem problem) {
                return problem;
            }
        }
        return null;
    }

    private static String problemOf(JsonMappingException e) {
        if (e instanceof InvalidFormatException invalid) {
            String expected = e.getOriginalMessage();
            int colon = expected.lastIndexOf("): ");
            String reason = colon >= 0 ? expected.substring(colon + 3) : expected;
            return "invalid value " + quote(invalid.getValue()) + ": " + reason;
        }
        if (e instanceof MismatchedInputException mismatch) {
            JsonToken found = currentToken(e);
            if (found == null) {
                return "no JSON content";
            }
            return "expected " + expected(mismatch.getTargetType()) + ", found " + describe(found);
        }
        // Anything else (e.g. an exception from a constructor) says what it is in its first line.
        String message = e.getOriginalMessage();
        int newline = message == null ? -1 : message.indexOf('\n');
        return newline >= 0 ? message.substring(0, newline) : String.valueOf(message);
    }

    private static JsonToken currentToken(JsonMappingException e) {
        if (e.getProcessor() instanceof JsonParser parser) {
            return parser.currentToken();
        }
        return null;
    }

    private static String expected(Class<?> raw) {
        if (raw == null) {
            return "another JSON type";
        }
        if (raw == String.class || raw == Instant.class || raw == char.class || raw == Character.class) {
            return "a string";
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return "true or false";
        }
        if (raw.isPrimitive() || Number.class.isAssignableFrom(raw)) {
            return "a number";
        }
        if (raw.isArray() || Collection.class.isAssignableFrom(raw)) {
            return "an array";
        }
        return "an object";
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case START_OBJECT, END_OBJECT, FIELD_NAME -> "an object";
            case START_ARRAY, END_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static String pathOf(Object processor) {
        if (!(processor instanceof JsonParser parser)) {
            return "$";
        }
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext ctx = parser.getParsingContext(); ctx != null && !ctx.inRoot(); ctx = ctx.getParent()) {
            if (ctx.inArray()) {
                parts.push("[" + Math.max(ctx.getCurrentIndex(), 0) + "]");
            } else if (ctx.inObject() && ctx.getCurrentName() != null) {
                parts.push((ctx.getParent() != null && !ctx.getParent().inRoot() ? "." : "") + ctx.getCurrentName());
            }
        }
        String path = String.join("", parts);
        if (path.startsWith(".")) {
            path = path.substring(1);
        }
        return path.isEmpty() ? "$" : path;
    }

    private static String at(JsonLocation location) {
        if (location == null || location.getLineNr() < 0) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static String quote(Object value) {
        if (value instanceof String s) {
            String shown = s.length() > 60 ? s.substring(0, 60) + "..." : s;
            return '"' + shown + '"';
        }
        return String.valueOf(value);
    }
}
