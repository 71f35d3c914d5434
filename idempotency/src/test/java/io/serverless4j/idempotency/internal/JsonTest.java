/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.idempotency.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void canonicalJsonSortsPropertiesAtEveryLevelAndIgnoresTheUsersMapperSettings() throws Exception {
        JsonNode a = mapper.readTree("{\"b\":1,\"a\":{\"y\":[{\"d\":1,\"c\":2}],\"x\":null}}");
        JsonNode b = mapper.readTree("{ \"a\" : { \"x\" : null, \"y\" : [ { \"c\" : 2, \"d\" : 1 } ] }, \"b\" : 1 }");

        assertThat(Json.canonical(a)).isEqualTo("{\"a\":{\"x\":null,\"y\":[{\"c\":2,\"d\":1}]},\"b\":1}")
                .isEqualTo(Json.canonical(b));
        ObjectMapper indenting = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("z", 1);
        map.put("a", 2);
        assertThat(Json.canonical(Json.tree(map, indenting))).isEqualTo("{\"a\":2,\"z\":1}");
    }

    @Test
    void arraysKeepTheirOrder() throws Exception {
        assertThat(Json.canonical(mapper.readTree("[2,1]"))).isNotEqualTo(Json.canonical(mapper.readTree("[1,2]")));
    }

    @Test
    void keysAreStringsAsTheyAreAndOtherValuesAsCanonicalJson() {
        assertThat(Json.canonicalKey("order-1", mapper)).isEqualTo("order-1");
        assertThat(Json.canonicalKey(new StringBuilder("order-1"), mapper)).isEqualTo("order-1");
        assertThat(Json.canonicalKey(42L, mapper)).isEqualTo("42");
        assertThat(Json.canonicalKey(mapper.getNodeFactory().textNode("t"), mapper)).isEqualTo("t");
        assertThat(Json.canonicalKey(List.of("b", "k"), mapper)).isEqualTo("[\"b\",\"k\"]");
        assertThat(Json.canonicalKey(Map.of("z", 1, "a", 2), mapper)).isEqualTo("{\"a\":2,\"z\":1}");
        assertThat(Json.canonicalKey(null, mapper)).isNull();
        assertThat(Json.canonicalKey(" ", mapper)).isNull();
        assertThat(Json.canonicalKey(mapper.getNodeFactory().nullNode(), mapper)).isNull();
    }

    @Test
    void sha256IsTheStandardDigestInLowerCaseHex() {
        // The FIPS 180-2 test vector for "abc".
        assertThat(Json.sha256("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void aJsonPointerDescendsIntoObjectsArraysAndJsonStrings() throws Exception {
        JsonNode event = mapper.readTree("{\"headers\":{\"Idempotency-Key\":\"h-1\"},"
                + "\"Records\":[{\"body\":\"{\\\"orderId\\\":\\\"o-7\\\",\\\"lines\\\":[{\\\"sku\\\":\\\"A\\\"}]}\"}],"
                + "\"a/b\":{\"~c\":1}}");

        assertThat(Json.at(event, JsonPointer.compile("/headers/Idempotency-Key"), mapper).textValue()).isEqualTo("h-1");
        assertThat(Json.at(event, JsonPointer.compile("/Records/0/body/orderId"), mapper).textValue()).isEqualTo("o-7");
        assertThat(Json.at(event, JsonPointer.compile("/Records/0/body/lines/0/sku"), mapper).textValue())
                .isEqualTo("A");
        assertThat(Json.at(event, JsonPointer.compile("/a~1b/~0c"), mapper).intValue()).isEqualTo(1);
        assertThat(Json.at(event, JsonPointer.compile("/Records/1/body"), mapper).isMissingNode()).isTrue();
        assertThat(Json.at(event, JsonPointer.compile("/headers/Idempotency-Key/deeper"), mapper).isMissingNode())
                .as("a string that is not JSON").isTrue();
        assertThat(Json.at(event, JsonPointer.compile("/nothing/here"), mapper).isMissingNode()).isTrue();
    }

    @Test
    void onlyJsonObjectsAndArraysInStringsAreParsedForValidation() {
        assertThat(Json.parsedContainer(" {\"a\":1} ", mapper)).isPresent();
        assertThat(Json.parsedContainer("[1]", mapper)).isPresent();
        assertThat(Json.parsedContainer("42", mapper)).isEmpty();
        assertThat(Json.parsedContainer("{not json", mapper)).isEmpty();
    }
}
