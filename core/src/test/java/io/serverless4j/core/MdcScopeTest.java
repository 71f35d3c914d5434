/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class MdcScopeTest {

    @AfterEach
    void clear() {
        MDC.clear();
    }

    @Test
    void setsTheInvocationKeysAndRestoresWhatWasThereBefore() {
        MDC.put(MdcScope.REQUEST_ID, "outer");
        MDC.put("tenant", "acme");
        Invocation invocation = Invocation.of(new StubContext("req-1", "Root=1-abc", Duration.ofSeconds(1)));

        try (MdcScope mdc = MdcScope.open(invocation).put(MdcScope.MESSAGE_ID, "m-1")) {
            assertThat(MDC.get(MdcScope.REQUEST_ID)).isEqualTo("req-1");
            assertThat(MDC.get(MdcScope.TRACE_ID)).isEqualTo("1-abc");
            assertThat(MDC.get(MdcScope.CORRELATION_ID)).isEqualTo("req-1");
            assertThat(MDC.get(MdcScope.MESSAGE_ID)).isEqualTo("m-1");
            mdc.put(MdcScope.MESSAGE_ID, "m-2");
            assertThat(MDC.get(MdcScope.MESSAGE_ID)).isEqualTo("m-2");
        }

        assertThat(MDC.get(MdcScope.REQUEST_ID)).isEqualTo("outer");
        assertThat(MDC.get("tenant")).isEqualTo("acme");
        assertThat(MDC.get(MdcScope.TRACE_ID)).isNull();
        assertThat(MDC.get(MdcScope.MESSAGE_ID)).as("restored to before the first put, not to m-1").isNull();
    }

    @Test
    void nestedScopesUnwindInOrder() {
        try (MdcScope outer = MdcScope.open().put(MdcScope.MESSAGE_ID, "batch")) {
            try (MdcScope inner = MdcScope.open().put(MdcScope.MESSAGE_ID, "record")) {
                assertThat(MDC.get(MdcScope.MESSAGE_ID)).isEqualTo("record");
            }
            assertThat(MDC.get(MdcScope.MESSAGE_ID)).isEqualTo("batch");
        }
        assertThat(MDC.get(MdcScope.MESSAGE_ID)).isNull();
    }

    @Test
    void aNullValueLeavesTheKeyAloneAndAClosedScopeRefusesKeys() {
        MDC.put(MdcScope.S3_KEY, "photos/a.jpg");
        MdcScope scope = MdcScope.open().put(MdcScope.S3_KEY, null);
        assertThat(MDC.get(MdcScope.S3_KEY)).isEqualTo("photos/a.jpg");
        scope.close();
        scope.close();
        assertThat(MDC.get(MdcScope.S3_KEY)).isEqualTo("photos/a.jpg");
        assertThatThrownBy(() -> scope.put(MdcScope.S3_KEY, "x")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void manyKeysGrowTheScope() {
        try (MdcScope scope = MdcScope.open()) {
            for (int i = 0; i < 10; i++) {
                scope.put("k" + i, "v" + i);
            }
            assertThat(MDC.get("k9")).isEqualTo("v9");
        }
        assertThat(MDC.get("k0")).isNull();
        assertThat(MDC.get("k9")).isNull();
    }
}
