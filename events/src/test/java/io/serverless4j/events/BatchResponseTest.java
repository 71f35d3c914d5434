/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class BatchResponseTest {

    @Test
    void writesTheShapeLambdaExpects() {
        assertThat(Events.write(BatchResponse.failed(List.of("m-1", "m-2"))))
                .isEqualTo("{\"batchItemFailures\":[{\"itemIdentifier\":\"m-1\"},{\"itemIdentifier\":\"m-2\"}]}");
    }

    @Test
    void writesAnEmptyListWhenEverythingSucceeded() {
        assertThat(Events.write(BatchResponse.allSucceeded())).isEqualTo("{\"batchItemFailures\":[]}");
    }

    @Test
    void parsesItsOwnJsonBack() {
        BatchResponse response = BatchResponse.failed(List.of("49590338271490256608559692538361571095921575989136588898"));
        assertThat(Events.parse(Events.write(response), BatchResponse.class)).isEqualTo(response);
    }

    @Test
    void rejectsANullIdentifier() {
        assertThatThrownBy(() -> BatchResponse.failed(java.util.Arrays.asList("a", null)))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("itemIdentifier is required");
    }

    @Test
    void reportsAMissingIdentifierWithItsPath() {
        assertThatThrownBy(() -> Events.parse("{\"batchItemFailures\":[{\"itemIdentifier\":\"a\"},{}]}",
                BatchResponse.class))
                .isInstanceOf(EventParseException.class)
                .hasMessage("BatchResponse: batchItemFailures[1].itemIdentifier: required field is missing");
    }
}
