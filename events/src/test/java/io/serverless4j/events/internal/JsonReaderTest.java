/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.events.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The hand-written JSON reader accepts what jackson-core accepts and builds the same trees. */
class JsonReaderTest {

    private static JsonNode read(byte[] json) {
        JsonReader reader = new JsonReader(json);
        reader.nextToken();
        JsonNode tree = JsonTrees.tree(reader);
        assertThat(reader.nextToken()).isNull();
        return tree;
    }

    private static JsonNode read(String json) {
        return read(json.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{}", "[]", "\"\"", "0", "-0", "1.5", "-12.5e-3", "1E+2", "true", "false", "null", "2147483648",
        "-9223372036854775808", "92233720368547758070", "{\"a\":[1,{\"b\":null},[]],\"c\":\"d\"}",
        "\"quote \\\" backslash \\\\ slash \\/ controls \\b\\f\\n\\r\\t\"",
        "\"latin \\u00e9 euro \\u20ac surrogate \\ud83d\\ude00\"",
        "\"utf-8 \u00e9 \u20ac \uD83D\uDE00 \u4e2d\u6587\"",
        " \t\r\n{ \"spaced\" : [ 1 , 2 ] } \n",
        "{\"a\":1,\"a\":2}",
        "\"a long plain ascii string that is longer than eight bytes for the word-at-a-time scan, ok\"",
        "\"0123456\\\"x\"", "\"01234567\\\"x\"", "\"0123456789abcdef\u00e9\"", "\"\u00e9\"", "\"\\u0000\""
    })
    void buildsTheTreeJacksonBuilds(String json) throws Exception {
        assertThat(read(json)).isEqualTo(Json.MAPPER.readTree(json));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{", "[", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "[1,]", "[1 2]", "{\"a\" 1}", "{a:1}", "'a'", "01", "1.",
        ".5", "-", "1e", "tru", "nul", "truex", "\"unterminated", "\"bad \\x escape\"", "\"bad \\u12g4\"",
        "\"raw\ttab\"", "{} {}", "[1]]", "{\"a\":1}}", "+1", "NaN", "[-]", "\"\\", "{\"a\":1 \"b\":2}"
    })
    void rejectsWhatJacksonRejects(String json) {
        assertThatThrownBy(() -> Json.MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(json))
                .as("jackson").isInstanceOf(Exception.class);
        assertThatThrownBy(() -> read(json)).isInstanceOf(JsonReader.MalformedJsonException.class);
    }

    @Test
    void rejectsInvalidUtf8() {
        byte[][] invalid = {
            {'"', (byte) 0xC3, '"'},                       // truncated two-byte sequence
            {'"', (byte) 0xC0, (byte) 0xAF, '"'},          // overlong '/'
            {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'}, // UTF-16 surrogate encoded in UTF-8
            {'"', (byte) 0xFF, '"'},                       // never valid
            {'"', (byte) 0xE2, (byte) 0x28, (byte) 0xA1, '"'} // bad continuation
        };
        for (byte[] json : invalid) {
            assertThatThrownBy(() -> read(json)).isInstanceOf(JsonReader.MalformedJsonException.class);
        }
    }

    @Test
    void skipsAUtf8ByteOrderMark() {
        byte[] json = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '[', '1', ']'};
        assertThat(read(json).get(0).asInt()).isEqualTo(1);
    }

    @Test
    void limitsNestingDepth() {
        String deep = "[".repeat(2000) + "]".repeat(2000);
        assertThatThrownBy(() -> read(deep)).isInstanceOf(JsonReader.MalformedJsonException.class)
                .hasMessageContaining("nesting deeper than 1000 levels");
    }

    @Test
    void tracksThePathLikeJackson() {
        JsonReader reader = new JsonReader("{\"a\":[{\"b\":1},{\"c\":[true]}]}".getBytes(StandardCharsets.UTF_8));
        List<String> paths = new java.util.ArrayList<>();
        for (JsonReader.Token token = reader.nextToken(); token != null; token = reader.nextToken()) {
            if (token != JsonReader.Token.FIELD_NAME) {
                paths.add(token + "@" + reader.path());
            }
        }
        assertThat(paths).containsExactly("START_OBJECT@$", "START_ARRAY@a", "START_OBJECT@a[0]", "NUMBER_INT@a[0].b",
                "END_OBJECT@a[0]", "START_OBJECT@a[1]", "START_ARRAY@a[1].c", "TRUE@a[1].c[0]", "END_ARRAY@a[1].c",
                "END_OBJECT@a[1]", "END_ARRAY@a", "END_OBJECT@$");
    }

    @Test
    void returnsKnownFieldNamesAsCanonicalInstances() {
        JsonReader reader = new JsonReader("{\"messageId\":1,\"someOtherName\":2}".getBytes(StandardCharsets.UTF_8));
        reader.nextToken();
        assertThat(reader.nextFieldName()).isSameAs("messageId");
        reader.nextToken();
        assertThat(reader.nextFieldName()).isEqualTo("someOtherName");
    }
}
