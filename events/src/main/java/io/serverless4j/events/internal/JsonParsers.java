/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.events.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;

/**
 * The one shared, preconfigured jackson-core {@link JsonFactory} that event JSON is parsed with, and the UTF-8
 * check in front of it. Built once in the static initializer and never changed afterwards, so it is thread-safe;
 * each parser it creates is for one parse. Its own class so that parsing an event builds no {@code ObjectMapper}.
 */
final class JsonParsers {

    /** The deepest nesting of objects and arrays accepted; AWS events nest about ten levels. */
    static final int MAX_NESTING_DEPTH = 1000;

    /**
     * The longest string value accepted, in characters: a synchronous Lambda invocation carries at most 6 MB, so
     * no string in an event can be longer.
     */
    static final int MAX_STRING_LENGTH = 6 * 1024 * 1024;

    /** The longest number accepted, in characters (Jackson's default, stated here): no AWS number is near it. */
    static final int MAX_NUMBER_LENGTH = 1000;

    /**
     * Strict RFC 8259: the lenient features below are jackson-core's defaults too, disabled here so the rules are
     * stated in one place. Duplicate keys are accepted (the later value wins), as AWS never sends them and the
     * check would cost every parse.
     */
    static final JsonFactory FACTORY = new JsonFactoryBuilder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING_DEPTH)
                    .maxStringLength(MAX_STRING_LENGTH)
                    .maxNumberLength(MAX_NUMBER_LENGTH)
                    .build())
            .disable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .disable(JsonReadFeature.ALLOW_YAML_COMMENTS)
            .disable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
            .disable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
            .disable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .disable(JsonReadFeature.ALLOW_MISSING_VALUES)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(JsonReadFeature.ALLOW_LEADING_ZEROS_FOR_NUMBERS)
            .disable(JsonReadFeature.ALLOW_LEADING_PLUS_SIGN_FOR_NUMBERS)
            .disable(JsonReadFeature.ALLOW_LEADING_DECIMAL_POINT_FOR_NUMBERS)
            .disable(JsonReadFeature.ALLOW_TRAILING_DECIMAL_POINT_FOR_NUMBERS)
            .disable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
            .disable(JsonReadFeature.ALLOW_BACKSLASH_ESCAPING_ANY_CHARACTER)
            .disable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    private JsonParsers() {
    }

    /** Invalid UTF-8 in the input; the message says where. */
    static final class InvalidUtf8Exception extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InvalidUtf8Exception(String message) {
            super(message, null, false, false);
        }
    }

    /** A parser over a JSON string. */
    static JsonParser open(String json) throws IOException {
        return FACTORY.createParser(json);
    }

    /**
     * A parser over UTF-8 JSON bytes (jackson-core's byte parser, which skips a byte order mark). Input that is
     * not all ASCII is first checked by the JDK's strict UTF-8 decoder, because jackson-core accepts some invalid
     * UTF-8: overlong encodings such as {@code C0 AF} for '/', and encoded surrogates in values it skips.
     *
     * @throws InvalidUtf8Exception when the bytes are not valid UTF-8
     */
    static JsonParser open(byte[] json) throws IOException {
        if (!isAscii(json)) {
            requireValidUtf8(json);
        }
        return FACTORY.createParser(json);
    }

    /** Whether no byte has its high bit set; eight bytes at a time, as AWS events are almost always ASCII. */
    private static boolean isAscii(byte[] bytes) {
        ByteBuffer words = ByteBuffer.wrap(bytes);
        int i = 0;
        for (int limit = bytes.length - Long.BYTES; i <= limit; i += Long.BYTES) {
            if ((words.getLong(i) & 0x8080808080808080L) != 0) {
                return false;
            }
        }
        for (; i < bytes.length; i++) {
            if (bytes[i] < 0) {
                return false;
            }
        }
        return true;
    }

    private static void requireValidUtf8(byte[] json) {
        // UTF-8 never decodes to more chars than it has bytes, so the buffer cannot overflow.
        CharBuffer chars = CharBuffer.allocate(json.length);
        ByteBuffer bytes = ByteBuffer.wrap(json);
        // newDecoder() reports malformed input rather than replacing it.
        CoderResult result = StandardCharsets.UTF_8.newDecoder().decode(bytes, chars, true);
        if (result.isError()) {
            throw new InvalidUtf8Exception(invalidUtf8(json, bytes.position()));
        }
    }

    private static String invalidUtf8(byte[] json, int at) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < at; i++) {
            if (json[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return "invalid UTF-8 byte 0x" + Integer.toHexString(json[at] & 0xFF) + " (line " + line + ", column "
                + (at - lineStart + 1) + ")";
    }
}
