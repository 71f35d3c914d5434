/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.events.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampsTest {

    @ParameterizedTest
    @ValueSource(strings = {"2019-09-03T19:37:27Z", "2019-09-03T19:37:27.1Z", "2019-09-03T19:37:27.192Z",
        "2019-09-03T19:37:27.123456789Z", "2020-02-29T23:59:59.999Z", "1970-01-01T00:00:00Z", "1969-12-31T23:59:59Z",
        "2019-09-03T21:37:27+02:00", "2019-09-03T19:37:27.5-01:30"})
    void parsesIsoLikeJavaTime(String text) {
        assertThat(Timestamps.parseIso(text)).isEqualTo(Instant.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2019-02-29T00:00:00Z", "2019-13-01T00:00:00Z", "2019-09-03T24:00:00Z",
        "2019-09-03T19:60:00Z", "2019-09-03 19:37:27Z", "2019-09-03T19:37:27", "yesterday", ""})
    void rejectsInvalidIsoTimestamps(String text) {
        assertThatThrownBy(() -> Timestamps.parseIso(text)).isInstanceOf(DateTimeException.class);
    }

    @Test
    void parsesAndFormatsApiGatewayTime() {
        assertThat(Timestamps.parseApiGatewayTime("04/Mar/2020:19:15:17 +0000"))
                .isEqualTo(Instant.parse("2020-03-04T19:15:17Z"));
        assertThat(Timestamps.parseApiGatewayTime("31/Dec/2020:23:30:00 -0130"))
                .isEqualTo(Instant.parse("2021-01-01T01:00:00Z"));
        assertThat(Timestamps.formatApiGatewayTime(Instant.parse("2020-03-04T19:15:17Z")))
                .isEqualTo("04/Mar/2020:19:15:17 +0000");
        assertThatThrownBy(() -> Timestamps.parseApiGatewayTime("04/Foo/2020:19:15:17 +0000"))
                .isInstanceOf(DateTimeException.class);
        assertThatThrownBy(() -> Timestamps.parseApiGatewayTime("31/Feb/2020:19:15:17 +0000"))
                .isInstanceOf(DateTimeException.class);
    }

    @Test
    void readsFractionalEpochSecondsExactly() {
        assertThat(Timestamps.ofEpochSeconds(new BigDecimal("1545084650.987")))
                .isEqualTo(Instant.ofEpochSecond(1545084650, 987_000_000));
        assertThat(Timestamps.ofEpochSeconds(new BigDecimal("-1.5"))).isEqualTo(Instant.ofEpochSecond(-2, 500_000_000));
        assertThatThrownBy(() -> Timestamps.ofEpochSeconds(new BigDecimal("1e30")))
                .isInstanceOf(ArithmeticException.class);
    }
}
