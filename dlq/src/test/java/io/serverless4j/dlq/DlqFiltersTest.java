/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.dlq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

class DlqFiltersTest {

    private static DlqMessage body(String body) {
        return new DlqMessage("id", body, Map.of(), null, 1, null);
    }

    @Test
    void jsonPointerEqualsMatchesTextAtThePointer() {
        Predicate<DlqMessage> placed = DlqFilters.jsonPointerEquals("/type", "OrderPlaced");

        assertThat(placed.test(body("{\"type\":\"OrderPlaced\"}"))).isTrue();
        assertThat(placed.test(body("{\"type\":\"OrderCancelled\"}"))).isFalse();
        assertThat(placed.test(body("{\"kind\":\"OrderPlaced\"}"))).isFalse();
        assertThat(placed.test(body("not json"))).isFalse();
        assertThat(placed.test(body(""))).isFalse();
        assertThat(placed.test(body("{\"type\":{\"x\":\"OrderPlaced\"}}"))).isFalse();
    }

    @Test
    void jsonPointerEqualsReachesNestedFieldsArraysAndNonStrings() {
        assertThat(DlqFilters.jsonPointerEquals("/order/country", "DE")
                .test(body("{\"order\":{\"country\":\"DE\"}}"))).isTrue();
        assertThat(DlqFilters.jsonPointerEquals("/items/1/sku", "B").test(body("{\"items\":[{\"sku\":\"A\"},"
                + "{\"sku\":\"B\"}]}"))).isTrue();
        assertThat(DlqFilters.jsonPointerEquals("/n", "42").test(body("{\"n\":42}"))).isTrue();
        assertThat(DlqFilters.jsonPointerEquals("/ok", "true").test(body("{\"ok\":true}"))).isTrue();
        assertThat(DlqFilters.jsonPointerEquals("/a~1b", "x").test(body("{\"a/b\":\"x\"}"))).isTrue();
    }

    @Test
    void jsonPointerEqualsRefusesInvalidPointersAtOnce() {
        assertThatThrownBy(() -> DlqFilters.jsonPointerEquals("type", "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/type");
        assertThatThrownBy(() -> DlqFilters.jsonPointerEquals("", "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("whole body");
        assertThatThrownBy(() -> DlqFilters.jsonPointerEquals(null, "x")).isInstanceOf(NullPointerException.class);
    }

    @Test
    void attributeEqualsMatchesStringAndNumberAttributes() {
        DlqMessage message = new DlqMessage("id", "b", Map.of(
                "tenant", MessageAttributeValue.builder().dataType("String").stringValue("acme").build(),
                "n", MessageAttributeValue.builder().dataType("Number").stringValue("7").build()), null, 1, null);

        assertThat(DlqFilters.attributeEquals("tenant", "acme").test(message)).isTrue();
        assertThat(DlqFilters.attributeEquals("n", "7").test(message)).isTrue();
        assertThat(DlqFilters.attributeEquals("tenant", "other").test(message)).isFalse();
        assertThat(DlqFilters.attributeEquals("missing", "acme").test(message)).isFalse();
        assertThat(DlqFilters.attributeEquals("tenant", "acme").and(DlqFilters.jsonPointerEquals("/x", "1"))
                .test(message)).isFalse();
    }
}
