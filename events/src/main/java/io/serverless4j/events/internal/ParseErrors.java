/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.events.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
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

    static EventParseException translate(String typeName, Exception e, JsonParser parser) {
        if (e instanceof EventParseException alreadyTranslated) {
            return alreadyTranslated;
        }
        JsonProcessingException malformed = findMalformed(e);
        if (malformed != null) {
            return new EventParseException(typeName, pathOf(parser), "malformed JSON: " + malformed(malformed), e);
        }
        if (e instanceof JsonMappingException mapping) {
            return fromMapping(typeName, mapping, parser == null ? null : parser.currentToken());
        }
        if (e instanceof JsonIn.ShapeException shape) {
            return new EventParseException(typeName, pathOf(parser), shape.getMessage(), e);
        }
        if (e instanceof FieldProblem problem) {
            // Thrown by a compact constructor: the parser has just closed the object, so its context is the
            // parent's and names the path to the object; the problem names the field inside it.
            String path = pathOf(parser);
            return new EventParseException(typeName, "$".equals(path) ? problem.field() : path + "." + problem.field(),
                    problem.problem(), e);
        }
        if (e instanceof IOException) {
            return new EventParseException(typeName, "$", "cannot read the input: " + e.getMessage(), e);
        }
        return new EventParseException(typeName, "$", "cannot parse: " + e, e);
    }

    private static JsonProcessingException findMalformed(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if ((t instanceof StreamReadException || t instanceof StreamConstraintsException)
                    && !(t instanceof JsonMappingException)) {
                return (JsonProcessingException) t;
            }
        }
        return null;
    }

    /**
     * Says what is wrong with malformed JSON in plain words, with its line and column: jackson-core's message for
     * the common mistakes, otherwise its own message without the parts addressed to Jackson users (source notes,
     * "enable feature X to allow").
     */
    static String malformed(JsonProcessingException e) {
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        String problem;
        if (e instanceof StreamConstraintsException) {
            problem = message.startsWith("Document nesting depth")
                    ? "nesting deeper than " + JsonParsers.MAX_NESTING_DEPTH + " levels"
                    : lowerFirst(message.contains(", from `") ? cut(message, ", from `") + ")" : message);
        } else if (message.startsWith("Unexpected end-of-input")) {
            problem = "unexpected end of input" + (message.contains("VALUE_STRING") ? " in a string"
                    : message.contains("marker for Object") ? " in an object"
                    : message.contains("marker for Array") ? " in an array" : "");
        } else if (message.startsWith("Unexpected character (") && message.endsWith(
                "was expecting double-quote to start field name")) {
            problem = "expected a field name in double quotes, found " + unexpectedCharacter(message);
        } else {
            problem = lowerFirst(cut(cut(cut(message, " (for "), ": enable `"), "; enable `"));
        }
        return problem + at(e.getLocation());
    }

    /** The character in jackson-core's "Unexpected character ('x' (code 120))", as the other messages show it. */
    private static String unexpectedCharacter(String message) {
        int code = message.indexOf("code ");
        int close = code < 0 ? -1 : message.indexOf(')', code);
        if (close < 0) {
            return "an unexpected character";
        }
        try {
            return describeCharacter(Integer.parseInt(message.substring(code + 5, close)));
        } catch (NumberFormatException notANumber) {
            return "an unexpected character";
        }
    }

    private static String describeCharacter(int c) {
        if (c >= 0x20 && c < 0x7F) {
            return "'" + (char) c + "'";
        }
        return "character U+" + String.format(java.util.Locale.ROOT, "%04X", c);
    }

    /** The message for content after the root value; the parser stands on its first token. */
    static String trailingContent(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        int first = switch (token) {
            case START_OBJECT -> '{';
            case START_ARRAY -> '[';
            case VALUE_STRING -> '"';
            case VALUE_TRUE -> 't';
            case VALUE_FALSE -> 'f';
            case VALUE_NULL -> 'n';
            default -> parser.getText().charAt(0);
        };
        return "unexpected content after the JSON value: " + describeCharacter(first)
                + at(parser.currentTokenLocation());
    }

    private static String cut(String message, String from) {
        int at = message.indexOf(from);
        return at >= 0 ? message.substring(0, at) : message;
    }

    private static String lowerFirst(String message) {
        if (message.isEmpty() || !Character.isUpperCase(message.charAt(0))
                || (message.length() > 1 && Character.isUpperCase(message.charAt(1)))) {
            return message; // leave acronyms such as "UTF-8" alone
        }
        return Character.toLowerCase(message.charAt(0)) + message.substring(1);
    }

    private static EventParseException fromMapping(String typeName, JsonMappingException e, JsonToken found) {
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
        return new EventParseException(typeName, where, problemOf(e, found), e);
    }

    private static FieldProblem findFieldProblem(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof FieldProblem problem) {
                return problem;
            }
        }
        return null;
    }

    private static String problemOf(JsonMappingException e, JsonToken found) {
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        boolean coercion = message.startsWith("Cannot coerce");
        if (e instanceof InvalidFormatException invalid && !coercion) {
            String value = String.valueOf(invalid.getValue());
            int at = message.indexOf(value + "\": ");
            String reason = at >= 0 ? message.substring(at + value.length() + 3) : afterLastColon(message, value);
            return "invalid value " + quote(invalid.getValue()) + ": " + reason;
        }
        if (e instanceof MismatchedInputException mismatch) {
            if (found == null) {
                return "no JSON content";
            }
            if (message.startsWith("expected") || message.startsWith("unknown DynamoDB type")) {
                return message;
            }
            if (message.startsWith("Cannot map `null`")) {
                return "expected " + expected(mismatch.getTargetType()) + ", found null or nothing";
            }
            return "expected " + expected(mismatch.getTargetType()) + ", found " + describe(found);
        }
        // Anything else (e.g. an exception from a constructor) says what it is in its first line.
        int newline = message.indexOf('\n');
        return newline >= 0 ? message.substring(0, newline) : message;
    }

    private static String afterLastColon(String message, String value) {
        int at = message.indexOf(value + ": ");
        return at >= 0 ? message.substring(at + value.length() + 2) : message;
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

    static String describe(JsonToken token) {
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

    /** The JSON path of the parser's current value, in AWS field names; {@code $} for the root. */
    static String pathOf(JsonParser parser) {
        if (parser == null) {
            return "$";
        }
        JsonStreamContext ctx = parser.getParsingContext();
        JsonToken token = parser.currentToken();
        if (ctx != null && (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY)) {
            ctx = ctx.getParent(); // the value that starts here belongs to the enclosing context
        }
        return pathOf(ctx);
    }

    /**
     * The JSON path for malformed JSON found by the parser's {@code nextToken}: the field whose value was being
     * read when the parser stands on its name, else the innermost object or array being read. (After a member
     * of an object the parser still holds that member's name, but what is malformed is the object.)
     */
    static String malformedPathOf(JsonParser parser) {
        JsonStreamContext ctx = parser.getParsingContext();
        JsonToken token = parser.currentToken();
        if (ctx != null && ctx.inObject() && token != null && token != JsonToken.FIELD_NAME
                && token != JsonToken.START_OBJECT) {
            return pathOf(ctx.getParent());
        }
        return pathOf(parser);
    }

    private static String pathOf(JsonStreamContext context) {
        JsonStreamContext ctx = context;
        Deque<String> parts = new ArrayDeque<>();
        for (; ctx != null && !ctx.inRoot(); ctx = ctx.getParent()) {
            if (ctx.inArray()) {
                parts.push("[" + Math.max(ctx.getCurrentIndex(), 0) + "]");
            } else if (ctx.getCurrentName() != null) {
                parts.push("." + ctx.getCurrentName());
            }
        }
        StringBuilder path = new StringBuilder();
        parts.forEach(path::append);
        if (path.length() > 0 && path.charAt(0) == '.') {
            path.deleteCharAt(0);
        }
        return path.length() == 0 ? "$" : path.toString();
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
